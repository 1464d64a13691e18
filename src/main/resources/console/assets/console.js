// Furnace Watch console: shared helpers. No inline script anywhere (CSP); text goes into the page only as text.
'use strict';
window.FW = (function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k === 'href') e.setAttribute('href', v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
    return e;
  }
  async function api(method, url, body) {
    const opts = { method, headers: { 'X-CSRF-Token': csrf() }, credentials: 'same-origin' };
    if (body instanceof FormData) opts.body = body;
    else if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers['Content-Type'] = 'application/json'; }
    const res = await fetch(url, opts);
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    return { status: res.status, ok: res.ok, json, text };
  }
  function countdowns() {
    const now = Date.now();
    document.querySelectorAll('.countdown[data-deadline]').forEach(c => {
      const ms = Number(c.dataset.deadline) - now;
      const abs = Math.abs(ms), h = Math.floor(abs / 3600000), m = Math.floor(abs % 3600000 / 60000), s = Math.floor(abs % 60000 / 1000);
      const t = (h > 0 ? h + '小时' : '') + m + '分' + (h === 0 ? s + '秒' : '');
      c.textContent = ms >= 0 ? '剩 ' + t : '已超 ' + t;
      c.classList.toggle('late', ms < 0);
    });
  }
  setInterval(countdowns, 1000);
  document.addEventListener('DOMContentLoaded', countdowns);
  return { csrf, el, api, countdowns };
})();
