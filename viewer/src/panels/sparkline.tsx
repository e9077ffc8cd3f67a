/** A small inline SVG line of the values (nulls leave gaps), for KPI cards. */
export function Sparkline({ values, label, min = 0, max = 1 }: { values: readonly (number | null)[]; label: string; min?: number; max?: number }) {
  const w = 120;
  const h = 28;
  const n = values.length;
  if (n < 2) return null;
  const y = (v: number) => h - 2 - ((Math.min(max, Math.max(min, v)) - min) / (max - min || 1)) * (h - 4);
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    const prev = i > 0 ? values[i - 1] : null;
    d += `${prev === null || i === 0 ? 'M' : 'L'}${((i / (n - 1)) * w).toFixed(1)},${y(v).toFixed(1)} `;
  });
  return (
    <svg className="sparkline" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
