// The one place that knows how a reading travels to pillarwatch. Today: POST the SSI page JSON to
// /members/{id}/official-scores, which accepts it as it is (no timestamp: the API stamps receipt time).
// Locally the API has no authentication; in AWS (authMode=cognito) the member's Cognito ID token goes in
// the Authorization header. When the API issues presigned upload URLs (POST /members/{id}/uploads), this
// function asks for one and PUTs the file to scores/<id>/ instead; nothing else in the companion changes.

/**
 * @param {{ apiUrl: string, memberId: string, token?: string }} settings
 * @param {object} payload the SSI JSON (memberScore, groupScore)
 * @returns {Promise<{ ok: boolean, status?: number, detail: string }>}
 */
export async function sendReading(settings, payload) {
  const url = `${settings.apiUrl.replace(/\/+$/, '')}/members/${encodeURIComponent(settings.memberId)}/official-scores`;
  const headers = { 'content-type': 'application/json' };
  if (settings.token) headers.authorization = settings.token;
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      credentials: 'omit',
    });
  } catch (error) {
    return { ok: false, detail: `${url} did not answer (${error.message})` };
  }
  const body = await response.text();
  let detail = `${response.status}`;
  try {
    const parsed = JSON.parse(body);
    detail = parsed.detail ?? (parsed.stored === false ? 'already stored' : 'stored');
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return { ok: response.ok, status: response.status, detail };
}
