import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The JSON linkedin.com/sales/ssi loaded for a live member (June 2026), as in docs/ssi-signals.md. */
export const recordedSsiPayload = () => ({
  activeSeat: false,
  memberScore: {
    overall: 19.705751,
    subScores: [
      { score: 13.118002, pillar: 'PROFESSIONAL_BRAND' },
      { score: 3.68, pillar: 'FIND_RIGHT_PEOPLE' },
      { score: 0.29999998, pillar: 'INSIGHT_ENGAGEMENT' },
      { score: 2.6077502, pillar: 'STRONG_RELATIONSHIP' },
    ],
  },
  groupScore: [
    { groupType: 'INDUSTRY', rank: 75, score: { overall: 30.99, subScores: [] } },
    { groupType: 'NETWORK', rank: 81, score: { overall: 32.72, subScores: [] } },
  ],
});

/**
 * A stand-in for linkedin.com/sales/ssi on 127.0.0.1: the page loads its score from /sales-api/salesApiSsi
 * after it starts, the way LinkedIn's page does (with `fetch`, or XMLHttpRequest with `?via=xhr`), and draws
 * it. It also fetches an unrelated JSON the companion must leave alone.
 */
export async function startSsiStandIn(): Promise<{ url: string; close: () => Promise<void> }> {
  const page = `<!doctype html><html><head><title>Social Selling Index</title></head><body>
<p id="score">loading</p><p id="other"></p>
<script>
const show = (data) => { document.getElementById('score').textContent = data.memberScore.overall.toFixed(0); };
if (location.search.includes('via=xhr')) {
  const request = new XMLHttpRequest();
  request.open('GET', '/sales-api/salesApiSsi');
  request.responseType = 'json';
  request.onload = () => show(request.response);
  request.send();
} else {
  fetch('/sales-api/salesApiSsi', { credentials: 'include' }).then((r) => r.json()).then(show);
}
fetch('/voyager/api/me').then((r) => r.json()).then((me) => { document.getElementById('other').textContent = me.name; });
</script></body></html>`;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string) => response.writeHead(200, { 'content-type': type }).end(body);
    if (path === '/sales/ssi') send('text/html; charset=utf-8', page);
    else if (path === '/sales-api/salesApiSsi')
      send('application/json', JSON.stringify(recordedSsiPayload()));
    else if (path === '/voyager/api/me')
      send('application/json', JSON.stringify({ name: 'Not for the companion' }));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sales/ssi`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
