// The companion's background worker: receives the SSI JSON relay.js captured, sends it once a day (on the
// first visit of the SSI page that day) or whenever the member clicks the toolbar button, and saves it as a
// file when pillarwatch cannot be reached. Settings come from the options page (chrome.storage.local).
import { sendReading } from './send.js';

const SSI_PAGE = 'https://www.linkedin.com/sales/ssi';
const today = () => new Date().toISOString().slice(0, 10);

const settings = async () => {
  const { apiUrl, memberId, token } = await chrome.storage.local.get(['apiUrl', 'memberId', 'token']);
  return apiUrl && memberId ? { apiUrl, memberId, token } : undefined;
};

async function badge(text, colour) {
  await chrome.action.setBadgeBackgroundColor({ color: colour });
  await chrome.action.setBadgeText({ text });
}

/** A data: URL, since a service worker has no URL.createObjectURL. */
function saveAsFile(capture, memberId) {
  const json = JSON.stringify({ observedAt: capture.capturedAt, ...capture.payload }, null, 2);
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const safeId = (memberId ?? 'member').replace(/[^A-Za-z0-9@+._-]/g, '_');
  return chrome.downloads.download({
    url: `data:application/json;base64,${btoa(binary)}`,
    filename: `pillarwatch-ssi-${safeId}-${capture.capturedAt.slice(0, 10)}.json`,
    conflictAction: 'uniquify',
    saveAs: false,
  });
}

/** Sends the capture; on failure saves it as a file (at most once a day unless the member asked). */
async function deliver(capture, { byClick }) {
  const config = await settings();
  const result = config
    ? await sendReading(config, capture.payload)
    : { ok: false, detail: 'not configured: open the options page' };
  const state = { lastResult: { ...result, at: new Date().toISOString() } };
  if (result.ok) {
    state.lastSentDay = today();
    await badge('✓', '#2e7d32');
  } else {
    await badge('!', '#c62828');
    const { lastDownloadDay } = await chrome.storage.local.get('lastDownloadDay');
    if (byClick || lastDownloadDay !== today()) {
      await saveAsFile(capture, config?.memberId);
      state.lastDownloadDay = today();
    }
  }
  await chrome.storage.local.set(state);
  return result;
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // Only the relay in a tab may hand over a capture; the options page asks for the status.
  if (message?.type === 'ssi' && sender.tab) {
    (async () => {
      const capture = { payload: message.payload, capturedAt: message.capturedAt };
      const { lastSentDay, sendOnCapture } = await chrome.storage.local.get(['lastSentDay', 'sendOnCapture']);
      await chrome.storage.local.set({ sendOnCapture: false });
      if (sendOnCapture || lastSentDay !== today()) await deliver(capture, { byClick: !!sendOnCapture });
      // Stored last: a capture is `latest` once it has been handled (sent, saved or left for tomorrow).
      await chrome.storage.local.set({ latest: capture });
    })();
    return false;
  }
  if (message?.type === 'status') {
    chrome.storage.local.get(['latest', 'lastSentDay', 'lastResult']).then(reply);
    return true;
  }
  return false;
});

// The member's click: send today's capture now, or open the SSI page and send what it loads.
async function onToolbarClick() {
  const { latest } = await chrome.storage.local.get('latest');
  if (latest && latest.capturedAt.slice(0, 10) === today()) {
    await deliver(latest, { byClick: true });
  } else {
    await chrome.storage.local.set({ sendOnCapture: true });
    await chrome.tabs.create({ url: SSI_PAGE });
  }
}
chrome.action.onClicked.addListener(onToolbarClick);
// No Chromium API or DevTools command presses an extension's toolbar button, so the browser test calls the
// very handler the button runs through this name (test/integration/companion-browser.test.ts).
globalThis.pillarwatchToolbarClick = onToolbarClick;
