// 待办: keeps the filters as chosen; when the server pushes "a new alert in your jurisdiction" (Server-Sent Events,
// /inbox/stream) it fetches the rows fragment again (server-rendered, escaped), so new alerts appear without a reload.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  document.querySelectorAll('#filters select').forEach(s => { if (params.has(s.name)) s.value = params.get(s.name); });
  const live = document.getElementById('live');
  const body = document.getElementById('alert-rows');
  if (!live || !body) return;
  const known = () => new Set([...body.querySelectorAll('tr[data-alert]')].map(r => r.dataset.alert));
  async function refresh() {
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
  let pending = null;
  const refreshSoon = () => { clearTimeout(pending); pending = setTimeout(refresh, 150); }; // a burst of alerts: one fetch
  if (window.EventSource) {
    const stream = new EventSource(live.dataset.stream, { withCredentials: true });
    let connected = false;
    stream.addEventListener('alert', refreshSoon);
    stream.onopen = () => {
      if (connected) refreshSoon(); // a reconnect may have missed an event
      connected = true;
      live.textContent = '实时推送已连接';
    };
    stream.onerror = () => {
      live.textContent = stream.readyState === EventSource.CLOSED ? '实时推送已断开，请刷新页面（会话可能已过期）' : '实时推送重连中…';
    };
  }
  // besides the push: a slow refresh picks up colleagues' acknowledgements and escalations (or replaces the push
  // in a browser without EventSource)
  setInterval(refresh, window.EventSource ? 60000 : 5000);
})();
