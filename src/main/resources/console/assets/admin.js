// Admin: routing settings through GET/PUT /api/v1/routing (the API validates).
'use strict';
(function () {
  const doc = document.getElementById('routing-doc');
  const form = document.getElementById('routing-form');
  const out = document.getElementById('routing-result');
  if (!doc || !form) return;
  FW.api('GET', '/api/v1/routing').then(r => { if (r.ok) doc.value = JSON.stringify(r.json, null, 2); });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    let body;
    try { body = JSON.parse(doc.value); } catch (e) { out.textContent = 'JSON 格式错误'; out.className = 'error'; return; }
    const r = await FW.api('PUT', '/api/v1/routing', body);
    out.textContent = r.ok ? '已保存' : '未保存：' + (r.json ? r.json.error + (r.json.field ? '（' + r.json.field + '）' : '') : r.status);
    out.className = r.ok ? 'notice' : 'error';
  });
})();
