import { useEffect, useState } from 'react';
import type { HistorySeries } from '../../../protocol/history.ts';
import type { RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { useRuntime } from '../shell/runtime-context.tsx';
import { fmt } from '../util/format.ts';
import { evidenceChart, evidenceHistoryUrl, evidenceSensors, seriesPoints } from './rca-logic.ts';

export type EvidenceSeries = ReadonlyMap<string, { tMs: number; v: number }[]>;

/** The analysed window's history of every cause's charted sensors, one request per answer (null while it loads). */
export function useEvidenceSeries(answer: RootCauseAnswer | null): { series: EvidenceSeries | null; error: string | null } {
  const rt = useRuntime();
  const [state, setState] = useState<{ series: EvidenceSeries | null; error: string | null }>({ series: null, error: null });
  const url = answer ? evidenceHistoryUrl(answer, [...new Set(answer.causes.flatMap((c) => evidenceSensors(c)))].sort()) : null;
  useEffect(() => {
    if (!url) return;
    let live = true;
    rt.rest.get<{ series: HistorySeries[] }>(url).then(
      (r) => live && setState({ series: new Map(r.series.map((s) => [s.sensorId, seriesPoints(s)])), error: null }),
      (e: Error) => live && setState({ series: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [rt.rest, url]);
  return state;
}

const W = 220;
const H = 40;

/** A cause's deviating sensors over the analysed window, the onset marked (a dashed line, the time after it shaded). */
export function EvidenceCharts({ answer, cause, series, error }: { answer: RootCauseAnswer; cause: RcaCauseWire; series: EvidenceSeries | null; error: string | null }) {
  const sensors = evidenceSensors(cause);
  if (sensors.length === 0) return null;
  const fromMs = Date.parse(answer.window.from);
  const toMs = Date.parse(answer.window.to);
  const onsetMs = cause.evidence.onset_time ? Date.parse(cause.evidence.onset_time) : null;
  if (error) return <p className="muted small">Evidence history unavailable: {error}</p>;
  return (
    <div className="rca-charts" data-testid="rca-evidence-charts" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', margin: '0.25rem 0' }}>
      {sensors.map((s) => {
        const sigma = cause.evidence.sensors.find((x) => x.sensor === s)?.sigma ?? null;
        const c = series ? evidenceChart(series.get(s) ?? [], fromMs, toMs, onsetMs, W, H) : null;
        return (
          <figure key={s} className="rca-chart" data-testid="rca-evidence-chart" data-sensor={s} data-points={series?.get(s)?.length ?? 0} data-onset-x={c?.onsetX ?? ''} style={{ margin: 0 }}>
            {c ? (
              <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${s} over the analysed window${cause.evidence.onset_time ? `, onset ${cause.evidence.onset_time.slice(11, 16)}` : ''}`}>
                {c.onsetX !== null ? <rect x={c.onsetX} y={0} width={W - c.onsetX} height={H} fill="rgba(245,158,11,0.12)" /> : null}
                <path d={c.d} fill="none" stroke="currentColor" strokeWidth="1.2" />
                {c.onsetX !== null ? <line x1={c.onsetX} x2={c.onsetX} y1={0} y2={H} stroke="var(--accent)" strokeDasharray="3 2" data-testid="rca-onset" /> : null}
              </svg>
            ) : (
              <span className="muted small">{series ? 'no history in the window' : 'loading history…'}</span>
            )}
            <figcaption className="muted small">
              {s}{sigma !== null ? ` ${sigma >= 0 ? '+' : ''}${fmt(sigma)} σ` : ''}{c ? ` · ${fmt(c.min)}–${fmt(c.max)}` : ''}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
