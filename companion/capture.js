// Runs in the page's own JavaScript world on linkedin.com/sales/ssi (manifest: "world": "MAIN"), so it sees
// the responses the page receives with the member's session. It reads one thing: the body of the page's own
// request to /sales-api/salesApiSsi, the member's SSI. It sends no request, reads no cookie, no storage and
// no other response, and hands the body to relay.js in the same tab.
(() => {
  const SSI_PATH = '/sales-api/salesApiSsi';
  const MESSAGE = 'pillarwatch-companion:ssi';
  const isSsi = (url) => {
    try {
      return new URL(url, location.href).pathname.startsWith(SSI_PATH);
    } catch {
      return false;
    }
  };
  const hand = (text) => {
    try {
      window.postMessage({ type: MESSAGE, payload: JSON.parse(text) }, location.origin);
    } catch {
      // Not JSON: nothing to hand on.
    }
  };

  const originalFetch = window.fetch;
  window.fetch = async function fetch(input, init) {
    const response = await originalFetch(input, init);
    const url = typeof input === 'string' || input instanceof URL ? String(input) : input?.url;
    if (response.ok && isSsi(url)) {
      response
        .clone()
        .text()
        .then(hand, () => {});
    }
    return response;
  };

  const originalOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function open(method, url, ...rest) {
    if (isSsi(url)) {
      this.addEventListener('load', () => {
        if (this.status < 200 || this.status >= 300) return;
        if (this.responseType === '' || this.responseType === 'text') hand(this.responseText);
        else if (this.responseType === 'json') hand(JSON.stringify(this.response));
      });
    }
    return originalOpen.call(this, method, url, ...rest);
  };
})();
