// Admin: routing settings through GET/PUT /api/v1/routing, and a district's receivers through
// GET /api/v1/districts and PUT /api/v1/districts/{code}: the API validates and names the field at fault.
// Secrets are write-only: a stored one reads back as '***', is shown here only as "已设置", and is sent back as
// '***' (keep) unless a new one is typed. Values go into inputs as values, never as markup.
'use strict';
(function () {
  const doc = document.getElementById('routing-doc');
  const form = document.getElementById('routing-form');
  const out = document.getElementById('routing-result');
  if (doc && form) {
    FW.api('GET', '/api/v1/routing').then(r => { if (r.ok) doc.value = JSON.stringify(r.json, null, 2); });
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      let body;
      try { body = JSON.parse(doc.value); } catch (e) { out.textContent = 'JSON 格式错误'; out.className = 'error'; return; }
      const r = await FW.api('PUT', '/api/v1/routing', body);
      out.textContent = r.ok ? '已保存' : '未保存：' + (r.json ? r.json.error + (r.json.field ? '（' + r.json.field + '）' : '') : r.status);
      out.className = r.ok ? 'notice' : 'error';
    });
  }

  const editor = document.getElementById('receiver-editor');
  if (!editor) return;
  const rows = document.getElementById('receiver-rows');
  const result = document.getElementById('receivers-result');
  const TYPES = { webhook: 'Webhook', email: '邮件', sms: '短信' };
  const FIELDS = {
    webhook: [['url', '地址', 'url'], ['secret', '签名密钥', 'secret']],
    email: [['to', '收件人', 'text'], ['smtpHost', 'SMTP 服务器', 'text'], ['smtpPort', '端口', 'number'], ['from', '发件人', 'text'],
      ['username', '用户名', 'text'], ['password', '密码', 'secret'], ['starttls', 'STARTTLS', 'check']],
    sms: [['url', '短信网关', 'url'], ['to', '手机号', 'text'], ['secret', '签名密钥', 'secret']],
  };
  const ALIAS = { email: { address: 'to' }, sms: { phone: 'to' } }; // older field names, written back as `to`
  let district = null;

  function row(type, stored) {
    const orig = Object.assign({}, stored || { type });
    for (const [old, now] of Object.entries(ALIAS[type] || {})) if (orig[old] !== undefined && orig[now] === undefined) orig[now] = orig[old];
    const r = FW.el('div', { class: 'receiver', 'data-type': type }, FW.el('span', { class: 'kind' }, TYPES[type] || type));
    r.stored = orig;
    for (const [k, label, kind] of FIELDS[type] || []) {
      const input = FW.el('input', { 'data-field': k, name: k });
      if (kind === 'check') { input.type = 'checkbox'; input.checked = orig[k] === true; }
      else if (kind === 'secret') {
        input.type = 'password'; input.autocomplete = 'new-password';
        input.placeholder = orig[k] === '***' ? '已设置（留空保留）' : '未设置';
      } else {
        input.type = kind === 'number' ? 'number' : kind === 'url' ? 'url' : 'text';
        if (orig[k] !== undefined && orig[k] !== null) input.value = String(orig[k]);
      }
      r.append(FW.el('label', {}, label + ' ', input));
    }
    const del = FW.el('button', { type: 'button', class: 'link' }, '删除');
    del.addEventListener('click', () => r.remove());
    r.append(del);
    return r;
  }

  function collect(r) {
    const type = r.dataset.type, orig = r.stored, known = (FIELDS[type] || []).map(f => f[0]);
    const o = {};
    for (const [k, v] of Object.entries(orig)) if (!known.includes(k) && !(k in (ALIAS[type] || {}))) o[k] = v; // fields this form does not edit
    o.type = type;
    for (const [k, , kind] of FIELDS[type] || []) {
      const input = r.querySelector('input[data-field="' + k + '"]');
      if (kind === 'check') { if (input.checked || orig[k] !== undefined) o[k] = input.checked; }
      else if (kind === 'secret') { if (input.value !== '') o[k] = input.value; else if (orig[k] === '***') o[k] = '***'; }
      else if (kind === 'number') { if (input.value !== '') o[k] = Number(input.value); }
      else if (input.value.trim() !== '') o[k] = input.value.trim();
    }
    return o;
  }

  async function open(code) {
    const r = await FW.api('GET', '/api/v1/districts');
    district = r.ok ? (r.json || []).find(d => d.code === code) : null;
    if (!district) { result.textContent = '读取失败 ' + r.status; result.className = 'error'; return; }
    document.getElementById('receiver-district').textContent = district.name + '（' + district.code + '）';
    rows.replaceChildren(...(district.receivers || []).map(x => row(x.type, x)));
    result.textContent = ''; result.className = '';
    editor.hidden = false;
    editor.scrollIntoView();
  }

  document.querySelectorAll('button.edit-receivers').forEach(b => b.addEventListener('click', () => open(b.dataset.code)));
  editor.querySelectorAll('button.add-receiver').forEach(b => b.addEventListener('click', () => rows.append(row(b.dataset.add))));
  document.getElementById('save-receivers').addEventListener('click', async () => {
    if (!district) return;
    const body = { name: district.name, receivers: [...rows.querySelectorAll('.receiver')].map(collect) };
    if (district.parent) body.parent = district.parent;
    const r = await FW.api('PUT', '/api/v1/districts/' + encodeURIComponent(district.code), body);
    if (r.ok) { location.assign('/admin?ok=' + encodeURIComponent('已保存 ' + district.code + ' 的接收方')); return; }
    result.textContent = '未保存：' + (r.json ? r.json.error + (r.json.field ? '（' + r.json.field + '）' : '') : r.status);
    result.className = 'error';
  });
})();
