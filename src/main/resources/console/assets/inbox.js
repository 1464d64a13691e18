// 待办: keeps the filters as chosen, and polls the rows fragment (server-rendered, escaped) so new alerts appear.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  document.querySelectorAll('#filters select').forEach(s => { if (params.has(s.name)) s.value = params.get(s.name); });
  const live = document.getElementById('live');
  const body = document.getElementById('alert-rows');
  if (!live || !body) return;
  const known = () => new Set([...body.querySelectorAll('tr[data-alert]')].map(r => r.dataset.alert));
  async function poll() {
    try {
      const seen = known();
      const res = await fetch(live.dataset.src, { credentials: 'same-origin' });
      if (res.status === 401) { live.textContent = '会话已过期，请重新登录'; return; }
      if (!res.ok) throw new Error(res.status);
      const html = await res.text();
      const open = [...body.querySelectorAll('details[open]')].map(d => d.closest('tr').dataset.alert);
      const tpl = document.createElement('template');
      tpl.innerHTML = html; // the fragment is rendered and escaped by the server's template engine; CSP runs no script in it
      body.replaceChildren(tpl.content);
      body.querySelectorAll('tr[data-alert]').forEach(r => {
        if (!seen.has(r.dataset.alert)) r.classList.add('new');
        if (open.includes(r.dataset.alert)) { const d = r.querySelector('details'); if (d) d.open = true; }
      });
      document.getElementById('count').textContent = body.querySelectorAll('tr[data-alert]').length + ' 条';
      live.textContent = '实时更新 ' + new Date().toLocaleTimeString('zh-CN');
      FW.countdowns();
    } catch (e) {
      live.textContent = '更新失败，稍后重试';
    }
  }
  setInterval(poll, Number(document.body.dataset.pollMs || 5000));
})();
