// The enterprise load curve (Apache ECharts, packaged): reduced on the server; zooming in asks for finer data.
'use strict';
(function () {
  const box = document.getElementById('load-chart');
  if (!box || !window.echarts) return;
  const info = document.getElementById('chart-info');
  const chart = echarts.init(box, null, { renderer: 'canvas' });
  window.addEventListener('resize', () => chart.resize());
  let step = '', from = null, to = null, loading = false;
  const code = box.dataset.code;

  // Timing (data-* on the chart, read by ConsoleBrowserTest): drawn-ms runs from the fetch to ECharts' 'finished'
  // event (rendered, no animation pending); fetch-ms to the parsed JSON; server-ms is the server's own query and reduce.
  function rendered() {
    return new Promise(resolve => {
      const done = () => { chart.off('finished', done); resolve(true); };
      chart.on('finished', done);
      setTimeout(() => { chart.off('finished', done); resolve(false); }, 10000);
    });
  }

  async function load() {
    loading = true;
    box.dataset.ready = 'false';
    const q = new URLSearchParams();
    if (from != null) q.set('from', Math.round(from));
    if (to != null) q.set('to', Math.round(to));
    if (step) q.set('step', step);
    const t0 = performance.now();
    const res = await fetch('/enterprises/' + encodeURIComponent(code) + '/chart?' + q, { credentials: 'same-origin' });
    if (!res.ok) { info.textContent = '加载失败 ' + res.status; loading = false; return; }
    const d = await res.json();
    const fetched = performance.now();
    from = d.from; to = d.to;
    const finished = rendered();
    draw(d);
    box.dataset.rendered = (await finished) ? 'finished' : 'timeout';
    const ms = Math.round(performance.now() - t0);
    const stepZh = { PT15M: '15分钟', PT1H: '小时', P1D: '日' }[d.step];
    info.textContent = '粒度 ' + stepZh + ' · ' + d.rawPoints + ' 个数据点，绘制 ' + d.points.length + ' 点 · ' + ms + ' 毫秒';
    box.dataset.drawnMs = String(ms);
    box.dataset.fetchMs = String(Math.round(fetched - t0));
    box.dataset.serverMs = String(d.serverMillis);
    box.dataset.rawPoints = String(d.rawPoints);
    box.dataset.points = String(d.points.length);
    box.dataset.alerts = String(d.alerts.length);
    box.dataset.heats = String(d.heats.length);
    box.dataset.ready = 'true';
    loading = false;
  }

  function draw(d) {
    const areas = d.alerts.map(a => [{ name: a.label, xAxis: a.from, itemStyle: { color: 'rgba(220,38,38,0.15)' } }, { xAxis: a.to }]);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: v => (v == null ? '—' : v + ' kW') },
      legend: { data: ['平均负荷', '报装容量', '许可炉容量'] },
      grid: { left: 60, right: 24, top: 40, bottom: 70 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'kW' },
      dataZoom: [{ type: 'inside', throttle: 100 }, { type: 'slider', height: 24, bottom: 16 }],
      series: [
        { name: '平均负荷', type: 'line', showSymbol: false, sampling: 'lttb', data: d.points, lineStyle: { width: 1 },
          markArea: { silent: true, label: { color: '#b91c1c' }, data: areas },
          markPoint: { symbol: 'triangle', symbolSize: 10, symbolRotate: 180, itemStyle: { color: '#b91c1c' }, label: { show: false },
            data: d.heats.map(h => ({ coord: h, name: '炉次' })) } },
        { name: '报装容量', type: 'line', showSymbol: false, data: [[d.from, d.capacityKw], [d.to, d.capacityKw]],
          lineStyle: { type: 'dashed', color: '#6b7280' }, itemStyle: { color: '#6b7280' } },
        { name: '许可炉容量', type: 'line', showSymbol: false, data: [[d.from, d.licensedFurnaceKw], [d.to, d.licensedFurnaceKw]],
          lineStyle: { type: 'dotted', color: '#059669' }, itemStyle: { color: '#059669' } }
      ]
    }, true);
  }

  // after a zoom settles, fetch the zoomed window at the resolution it can show
  let timer = null;
  chart.on('datazoom', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (loading) return;
      const opt = chart.getOption().dataZoom[0];
      if (opt.start <= 0.5 && opt.end >= 99.5) return;
      const span = to - from;
      const nf = from + span * opt.start / 100, nt = from + span * opt.end / 100;
      if (nt - nf < 3 * 3600e3) return;
      from = nf; to = nt; step = '';
      load();
    }, 400);
  });
  document.querySelectorAll('.chart-tools button[data-step]').forEach(b => b.addEventListener('click', () => { step = b.dataset.step; load(); }));
  document.querySelectorAll('.chart-tools button[data-range]').forEach(b => b.addEventListener('click', () => {
    to = Date.now(); from = to - Number(b.dataset.range) * 86400e3; step = ''; load();
  }));
  // open on the 30 days around the newest alert, if any, else on the last 30 days
  const focus = Number(box.dataset.focus || 0);
  to = focus > 0 ? Math.min(Date.now(), focus + 10 * 86400e3) : Date.now();
  from = to - 30 * 86400e3;
  load();
})();
