/** A semicircular gauge of a 0..1 value with its band colour. */
export function Gauge({ value, label, band }: { value: number | null; label: string; band: 'good' | 'warn' | 'bad' | 'none' }) {
  const v = value === null ? 0 : Math.min(1, Math.max(0, value));
  const angle = Math.PI * (1 - v);
  const x = 50 + 40 * Math.cos(angle);
  const y = 50 - 40 * Math.sin(angle);
  return (
    <figure className={`gauge gauge-${band}`} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value === null ? undefined : Math.round(v * 100)}>
      <svg viewBox="0 0 100 56" width="120" height="68" aria-hidden="true">
        <path d="M10 50 A40 40 0 0 1 90 50" className="gauge-track" />
        {value !== null && v > 0 ? <path d={`M10 50 A40 40 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`} className="gauge-fill" /> : null}
      </svg>
      <figcaption>
        <strong>{value === null ? '—' : `${Math.round(v * 100)} %`}</strong>
        <span className="muted small">{label}</span>
      </figcaption>
    </figure>
  );
}
