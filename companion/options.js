// The options page: where the member's pillarwatch is, who they are there, and their token. Stored in
// chrome.storage.local (never synced to other browsers). An API outside 127.0.0.1, localhost and
// *.amazonaws.com needs the member's permission for that origin, asked for on Save.
const form = document.getElementById('settings');
const status = document.getElementById('status');
const FIELDS = ['apiUrl', 'memberId', 'token'];

const saved = await chrome.storage.local.get(FIELDS);
for (const name of FIELDS) form.elements[name].value = saved[name] ?? '';
await showStatus();

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = Object.fromEntries(FIELDS.map((name) => [name, form.elements[name].value.trim()]));
  const origin = `${new URL(values.apiUrl).origin}/*`;
  if (!(await chrome.permissions.contains({ origins: [origin] }))) {
    const granted = await chrome.permissions.request({ origins: [origin] });
    if (!granted) {
      status.textContent = `Not saved: the companion needs your permission to reach ${origin}.`;
      return;
    }
  }
  await chrome.storage.local.set(values);
  status.textContent = 'Saved.';
});
// The form is live from here on (a test waits for this before typing).
document.body.dataset.ready = 'true';

async function showStatus() {
  const { lastSentDay, lastResult } = await chrome.runtime.sendMessage({ type: 'status' });
  if (lastResult)
    status.textContent = `Last attempt ${lastResult.at}: ${lastResult.ok ? 'sent' : 'not sent'} (${lastResult.detail}).`;
  else if (lastSentDay) status.textContent = `Last sent on ${lastSentDay}.`;
}
