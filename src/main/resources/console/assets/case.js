// Evidence upload (a phone photo or a file) through the API; the server records and shows its SHA-256.
'use strict';
(function () {
  const form = document.getElementById('evidence-form');
  if (!form) return;
  const out = document.getElementById('upload-result');
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const file = document.getElementById('evidence-file').files[0];
    if (!file) return;
    const data = new FormData();
    data.append('file', file, file.name || 'photo.jpg');
    const note = document.getElementById('evidence-note').value;
    const url = '/api/v1/cases/' + encodeURIComponent(form.dataset.case) + '/evidence' + (note ? '?note=' + encodeURIComponent(note) : '');
    out.textContent = '上传中…';
    const r = await FW.api('POST', url, data);
    if (r.status === 201 && r.json) {
      out.textContent = '已登记 SHA-256：' + r.json.sha256;
      out.dataset.sha256 = r.json.sha256;
      setTimeout(() => location.reload(), 1500);
    } else {
      out.textContent = '上传失败：' + (r.json && r.json.error ? r.json.error : r.status);
    }
  });
  // the action buttons ask once before something that cannot be undone
  document.querySelectorAll('form.action-form').forEach(f => f.addEventListener('submit', ev => {
    if (['CLOSE_IMMEDIATELY', 'ORDER_SHUTDOWN', 'CLOSE_CASE', 'DISMISS'].includes(f.dataset.action) && !confirm('确定执行“' + f.querySelector('h3').firstChild.textContent.trim() + '”？')) ev.preventDefault();
  }));
})();
