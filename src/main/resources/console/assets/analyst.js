// Analyst: edit the profile through the API (its validation answers), run a backtest with progress, draw the result.
'use strict';
(function () {
  const KIND = { RESURGENCE: '死灰复燃', FURNACE_SIGNATURE: '中频炉特征', LEVEL_SHIFT: '电量突增', NIGHT_LOAD: '夜间用电',
    FLAT_CONTINUOUS: '恒定负荷', PEER_OUTLIER: '同行异常', INTENSITY_MISMATCH: '产量不符' };
  const $ = id => document.getElementById(id);

  const pf = $('profile-form');
  if (pf) pf.addEventListener('submit', async ev => {
    ev.preventDefault();
    const out = $('profile-result');
    let doc;
    try { doc = JSON.parse($('profile-doc').value); } catch (e) { out.textContent = 'JSON 格式错误：' + e.message; out.className = 'error'; return; }
    delete doc.version;
    doc.reason = $('profile-reason').value;
    doc.baseVersion = Number(pf.dataset.base);
    const r = await FW.api('PUT', '/api/v1/detection/profiles', doc);
    if (r.ok) { out.textContent = '已保存为 v' + r.json.version; out.className = 'notice'; setTimeout(() => location.assign('/analyst'), 1200); }
    else { out.textContent = '未保存：' + (r.json ? r.json.error + (r.json.field ? '（字段 ' + r.json.field + '）' : '') : r.status); out.className = 'error'; }
  });

  const bf = $('backtest-form');
  if (!bf) return;
  bf.addEventListener('submit', async ev => {
    ev.preventDefault();
    $('bt-error').hidden = true; $('bt-result').hidden = true; $('bt-progress').hidden = false;
    $('bt-bar').style.width = '0%'; $('bt-state').textContent = '已提交';
    const days = Number($('bt-days').value || 14);
    const to = new Date(), from = new Date(to.getTime() - days * 86400e3);
    const body = { profile: Number($('bt-profile').value), from: from.toISOString(), to: to.toISOString(), wait: 0 };
    if ($('bt-district').value) body.district = $('bt-district').value;
    let r = await FW.api('POST', '/api/v1/backtests', body);
    if (!r.ok && r.status !== 202) return fail(r);
    while (r.json && r.json.state === 'RUNNING') {
      const p = Math.round((r.json.progress || 0) * 100);
      $('bt-bar').style.width = p + '%'; $('bt-state').textContent = '回测中 ' + p + '%';
      await new Promise(res => setTimeout(res, 700));
      r = await FW.api('GET', '/api/v1/backtests/' + encodeURIComponent(r.json.id));
      if (!r.ok) return fail(r);
    }
    if (!r.json || r.json.state !== 'DONE') return fail(r);
    $('bt-bar').style.width = '100%'; $('bt-state').textContent = '完成';
    show(r.json);
  });

  function fail(r) {
    $('bt-progress').hidden = true; $('bt-error').hidden = false;
    $('bt-error').textContent = '回测失败：' + (r.json && r.json.error ? r.json.error : r.status);
  }

  function pct(v) { return v == null ? '—' : Math.round(v * 1000) / 10 + '%'; }

  function show(d) {
    $('bt-result').hidden = false;
    const ev = d.evaluation || {};
    $('bt-summary').textContent = '方案 v' + d.profileVersion + ' · 读数 ' + d.readings + ' · 告警 ' + (d.alerts || []).length +
      ' · 精确率 ' + pct(ev.precision) + ' · 召回率 ' + pct(ev.recall);
    const kinds = Object.keys(d.kinds || {});
    echarts.init($('bt-kinds')).setOption({
      title: { text: '各类型告警数', textStyle: { fontSize: 14 } }, tooltip: {}, grid: { bottom: 60 },
      xAxis: { type: 'category', data: kinds.map(k => KIND[k] || k), axisLabel: { rotate: 30 } }, yAxis: { type: 'value' },
      series: [{ type: 'bar', data: kinds.map(k => d.kinds[k].alerts) }]
    });
    const byDay = {};
    for (const a of d.alerts || []) {
      const day = String(a.firstTs).slice(0, 10);
      byDay[day] = byDay[day] || {};
      byDay[day][a.kind] = (byDay[day][a.kind] || 0) + 1;
    }
    const days = Object.keys(byDay).sort();
    echarts.init($('bt-days-chart')).setOption({
      title: { text: '每日告警（按类型）', textStyle: { fontSize: 14 } }, tooltip: { trigger: 'axis' }, legend: { top: 22, type: 'scroll' }, grid: { top: 60 },
      xAxis: { type: 'category', data: days }, yAxis: { type: 'value' },
      series: kinds.map(k => ({ name: KIND[k] || k, type: 'bar', stack: 'all', data: days.map(x => byDay[x][k] || 0) }))
    });
    echarts.init($('bt-pr')).setOption({
      title: { text: '按标注的精确率与召回率', textStyle: { fontSize: 14 } }, tooltip: {}, legend: { top: 22 }, grid: { top: 60 },
      xAxis: { type: 'category', data: kinds.map(k => KIND[k] || k) }, yAxis: { type: 'value', max: 1 },
      series: [{ name: '精确率', type: 'bar', data: kinds.map(k => d.kinds[k].precision) },
               { name: '召回率', type: 'bar', data: kinds.map(k => d.kinds[k].recall) }]
    });
    const tbody = $('bt-alerts').querySelector('tbody');
    tbody.replaceChildren(...(d.alerts || []).slice(0, 300).map(a => FW.el('tr', {},
      FW.el('td', {}, FW.el('a', { href: '/enterprises/' + encodeURIComponent(a.enterprise) }, a.enterprise)),
      FW.el('td', {}, KIND[a.kind] || a.kind), FW.el('td', {}, a.firstTs), FW.el('td', {}, a.lastTs),
      FW.el('td', {}, Number(a.score).toFixed(2)), FW.el('td', {}, (a.labels || []).map(l => l.outcome || l).join(', ')))));
    $('bt-result').dataset.done = 'true';
  }
})();
