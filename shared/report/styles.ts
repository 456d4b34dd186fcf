/**
 * The member page's one stylesheet: the printable report inlines it in a `<style>` element, the web app serves
 * it as a file (its CSP allows no inline styles, so the markup carries no `style` attributes).
 * Black on white everywhere, so the page prints as it shows; colours only tell the pillars apart.
 */
export const PAGE_CSS = `
:root{color-scheme:light}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#111;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 16px}
h1{font-size:1.6rem;margin:0}
h2{font-size:1.15rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid #ccc}
.meta,.empty{color:#555}
figure{margin:0}
svg.chart{display:block;width:100%;height:auto}
svg text{font-family:inherit;font-size:11px;fill:#333}
svg .chart-title{font-size:15px;font-weight:600;fill:#111}
svg .panel-title{font-size:12px;font-weight:600;fill:#111}
.plot{fill:none;stroke:#999}
.grid{stroke:#e6e6e6}
.tick{stroke:#999}
.series,.legend-series{fill:none;stroke:#333;stroke-width:1.6;stroke-linejoin:round;stroke-linecap:round}
.calibrated,.legend-calibrated{fill:none;stroke:#333;stroke-width:1.2;stroke-dasharray:5 3;stroke-linecap:round}
.has-calibrated .calibrated,.has-calibrated .legend-calibrated{stroke-width:1.8;stroke-dasharray:none}
.has-calibrated .series,.has-calibrated .legend-series{stroke-width:1;stroke-dasharray:2 3;stroke-opacity:.7}
.panel-brand path{stroke:#1f5f9e}.panel-people path{stroke:#b4531b}
.panel-insights path{stroke:#2c7a4b}.panel-relationships path{stroke:#7d3c98}
.reading{fill:#111}
.reading.divergent{fill:#fff;stroke:#c0392b;stroke-width:1.6}
.stale-span{fill:#f2c94c;fill-opacity:.35}
.recalculation{stroke:#555;stroke-width:1.2;stroke-dasharray:3 2}
.findings li{margin:.4rem 0}
.tag{font-size:.8rem;font-weight:600;letter-spacing:.03em;margin-right:.4em}
.status-failed{font-weight:600}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:.9rem}
th,td{padding:2px 8px;border-bottom:1px solid #e6e6e6;text-align:right}
th:first-child,td:first-child{text-align:left;white-space:nowrap}
caption{text-align:left;color:#555;padding-bottom:.3rem}
.group-industry,.group-network{fill:none;stroke-width:1.4}
.group-industry{stroke:#8a8a8a}
.group-network{stroke:#8a8a8a;stroke-dasharray:2 1}
.panel-brand .group-industry,.panel-people .group-industry,.panel-insights .group-industry,.panel-relationships .group-industry{stroke:#8a8a8a}
.stale-data{border-left:4px solid #f2c94c;padding:.4rem .8rem;background:#fff8e1}
.languages a{margin-right:.6em;color:#1f5f9e}
.languages a[aria-current]{font-weight:600;color:#111;text-decoration:none}
.advice{color:#333}
.moves li,.actions li,.steady li{margin:.35rem 0}
.up{color:#1e6b3a}.down{color:#a3261b}
svg.moved-chart{display:block;width:100%;max-width:640px;height:auto}
.bar-up{fill:#2c7a4b}.bar-down{fill:#c0392b}.axis{stroke:#999}
svg.streak{display:block;width:100%;max-width:640px;height:auto}
.week{fill:#e6e6e6}.week.active{fill:#2c7a4b}
.gains{font-variant-numeric:tabular-nums}
@media print{
body{font-size:10.5pt}
main{max-width:none;padding:0}
h2{break-after:avoid}
figure,tr{break-inside:avoid}
}`;
