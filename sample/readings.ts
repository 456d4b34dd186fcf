/**
 * Official SSI readings for the local sample member, as the CSV a member keeps by hand
 * (`date,overall,brand,people,insights,relationships`). Weekly readings over the sample's last six months,
 * drifting up with activity, with one plateau: from 2026-02-01 the official score stops changing for five
 * weeks while the member stays active — the pattern pillarwatch flags as STALE.
 */
export const SAMPLE_READINGS_KEY = 'scores/sample/ssi-history.csv';

const PLATEAU = { from: '2026-02-01', to: '2026-03-08' } as const;

export const sampleReadingsCsv = (): string => {
  const rows = ['date,overall,brand,people,insights,relationships'];
  const start = Date.parse('2025-10-19T00:00:00Z');
  let frozen: number[] | undefined;
  for (let week = 0; week < 26; week++) {
    const day = new Date(start + week * 7 * 86_400_000).toISOString().slice(0, 10);
    if (day > '2026-04-15') break;
    // A slow climb with a small weekly wobble, six decimals like LinkedIn's API.
    const pillars = [
      14.2 + week * 0.11 + Math.sin(week) * 0.3,
      9.8 + week * 0.07 + Math.cos(week) * 0.4,
      6.1 + week * 0.09 + Math.sin(week / 2) * 0.5,
      11.4 + week * 0.05 + Math.cos(week / 3) * 0.2,
    ].map((value) => Number(value.toFixed(6)));
    const inPlateau = day >= PLATEAU.from && day <= PLATEAU.to;
    if (inPlateau) frozen ??= pillars;
    const values = inPlateau && frozen ? frozen : pillars;
    const overall = Number(values.reduce((sum, value) => sum + value, 0).toFixed(6));
    rows.push([day, overall, ...values].join(','));
  }
  return `${rows.join('\n')}\n`;
};
