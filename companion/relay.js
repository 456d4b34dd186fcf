// Runs in the extension's isolated world on linkedin.com/sales/ssi. Takes the SSI body capture.js found,
// keeps only the score fields (memberScore, groupScore) and passes them to the background worker.
const MESSAGE = 'pillarwatch-companion:ssi';

window.addEventListener('message', (event) => {
  if (event.source !== window || event.origin !== location.origin || event.data?.type !== MESSAGE) return;
  const { memberScore, groupScore } = event.data.payload ?? {};
  if (typeof memberScore?.overall !== 'number' || !Array.isArray(memberScore.subScores)) return;
  const payload = Array.isArray(groupScore) ? { memberScore, groupScore } : { memberScore };
  // Rejects only when the extension was reloaded under the open page; the next visit captures again.
  chrome.runtime.sendMessage({ type: 'ssi', payload, capturedAt: new Date().toISOString() }).catch(() => {});
});
