/** Learning curves as a self-contained HTML page: inline SVG, no script, no external file. */

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** An SVG polyline chart of training and validation loss per epoch. */
export function learningCurvesSvg(loss: readonly number[], valLoss: readonly number[], width = 640, height = 320): string {
  const pad = 48;
  const all = [...loss, ...valLoss].filter(Number.isFinite);
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const span = hi - lo || 1;
  const epochs = Math.max(loss.length, valLoss.length, 2);
  const x = (i: number) => pad + (i / (epochs - 1)) * (width - 2 * pad);
  const y = (v: number) => height - pad - ((v - lo) / span) * (height - 2 * pad);
  const line = (vs: readonly number[], color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${vs.map((v, i) => (Number.isFinite(v) ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : '')).filter(Boolean).join(' ')}"/>`;
  const ticks = [lo, lo + span / 2, hi].map((v) => `<text x="${pad - 6}" y="${y(v).toFixed(1)}" text-anchor="end" font-size="11">${v.toPrecision(3)}</text>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="loss per epoch">`,
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#888"/>`,
    `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#888"/>`,
    ticks,
    `<text x="${width / 2}" y="${height - 12}" text-anchor="middle" font-size="12">epoch (1–${epochs})</text>`,
    line(loss, '#1f77b4'),
    line(valLoss, '#d62728'),
    `<text x="${width - pad}" y="${pad - 20}" text-anchor="end" font-size="12" fill="#1f77b4">training loss</text>`,
    `<text x="${width - pad}" y="${pad - 6}" text-anchor="end" font-size="12" fill="#d62728">validation loss</text>`,
    '</svg>',
  ].join('\n');
}

/** The full page: title, the chart, and the metrics as a table. */
export function learningCurvesHtml(title: string, history: { loss: readonly number[]; valLoss: readonly number[] }, metrics: Readonly<Record<string, number>>): string {
  const rows = Object.entries(metrics).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${Number.isFinite(v) ? v.toFixed(4) : 'n/a'}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}th,td{padding:2px 10px;text-align:left}</style>
</head><body>
<h1>${esc(title)}</h1>
${learningCurvesSvg(history.loss, history.valLoss)}
<h2>Test metrics</h2><table>${rows}</table>
</body></html>
`;
}
