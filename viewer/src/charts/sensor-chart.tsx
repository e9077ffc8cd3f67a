import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { HistorySeries } from '../../../protocol/history.ts';
import type { SensorInfo } from '../../../protocol/plant.ts';
import { useRuntime, useSettings, useTwin } from '../shell/runtime-context.tsx';
import { appendLive, liveRange, needsFetch, panRange, toColumns, zoomRange, type ChartColumns, type TimeRange } from './chart-logic.ts';

const PRESETS = [
  { label: '15 min', s: 900 },
  { label: '1 h', s: 3600 },
  { label: '6 h', s: 21_600 },
  { label: '24 h', s: 86_400 },
];

function options(sensor: SensorInfo, width: number, onZoom: (fromMs: number, toMs: number) => void): uPlot.Options {
  return {
    width,
    height: 180,
    cursor: { drag: { x: true, y: false, setScale: false } },
    scales: { x: { time: true } },
    axes: [
      { stroke: '#8b98a9', grid: { stroke: '#1f2a37' }, ticks: { stroke: '#1f2a37' } },
      { stroke: '#8b98a9', grid: { stroke: '#1f2a37' }, ticks: { stroke: '#1f2a37' }, size: 56 },
    ],
    series: [
      {},
      { label: `${sensor.name} (${sensor.unit})`, stroke: '#38bdf8', width: 1.5, spanGaps: false },
      { label: 'min', stroke: 'rgba(56,189,248,0.25)', width: 1 },
      { label: 'max', stroke: 'rgba(56,189,248,0.25)', width: 1 },
    ],
    bands: [{ series: [3, 2], fill: 'rgba(56,189,248,0.12)' }],
    legend: { show: true, live: true },
    hooks: {
      // Drag-select zooms through our own range state, so zoom, pan and live-follow share one model.
      setSelect: [
        (u) => {
          if (u.select.width < 4) return;
          onZoom(u.posToVal(u.select.left, 'x') * 1000, u.posToVal(u.select.left + u.select.width, 'x') * 1000);
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        },
      ],
    },
  };
}

/** A live uPlot chart of one sensor: downsampled history, live tail, drag to zoom, buttons to pan and zoom. */
export function SensorChart({ sensor }: { sensor: SensorInfo }) {
  const rt = useRuntime();
  const defaultSpanS = useSettings((s) => s.chartRangeS);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const cols = useRef<ChartColumns>([[], [], [], []]);
  const loaded = useRef<TimeRange | null>(null);
  const simTime = useTwin((s) => s.simTime);
  const reading = useTwin((s) => s.readings[sensor.id]);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [status, setStatus] = useState('loading history…');

  useEffect(() => {
    if (range === null && simTime) setRange(liveRange(Date.parse(simTime), defaultSpanS));
  }, [range, simTime, defaultSpanS]);

  useEffect(() => {
    if (!host.current) return;
    const u = new uPlot(options(sensor, host.current.clientWidth || 400, (fromMs, toMs) => setRange({ fromMs, toMs, live: false })), cols.current, host.current);
    plot.current = u;
    const ro = new ResizeObserver(() => host.current && u.setSize({ width: host.current.clientWidth, height: 180 }));
    ro.observe(host.current);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [sensor]);

  // Fetch history when the window leaves what is loaded.
  useEffect(() => {
    if (!range || !needsFetch(range, loaded.current)) return;
    let cancelled = false;
    const from = new Date(range.fromMs).toISOString();
    const to = new Date(range.toMs + (range.live ? 60_000 : 0)).toISOString();
    rt.rest
      .get<{ series: HistorySeries[] }>(`/api/plant/history?sensors=${encodeURIComponent(sensor.id)}&from=${from}&to=${to}&maxPoints=600`)
      .then((r) => {
        if (cancelled) return;
        cols.current = toColumns(r.series[0]);
        loaded.current = range;
        setStatus(cols.current[0].length ? '' : 'no history in this window yet');
        plot.current?.setData(cols.current, false);
        plot.current?.setScale('x', { min: range.fromMs / 1000, max: range.toMs / 1000 });
      })
      .catch((err: Error) => !cancelled && setStatus(`history unavailable: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [range, sensor.id, rt.rest]);

  // Live tail: append each new reading; a live window slides with it.
  useEffect(() => {
    if (!simTime || !reading || !range?.live) return;
    const nowMs = Date.parse(simTime);
    cols.current = appendLive(cols.current, nowMs, reading.v, nowMs - (range.toMs - range.fromMs) * 2);
    plot.current?.setData(cols.current, false);
    plot.current?.setScale('x', { min: (nowMs - (range.toMs - range.fromMs)) / 1000, max: nowMs / 1000 });
  }, [simTime, reading, range]);

  useEffect(() => {
    if (range && !range.live) plot.current?.setScale('x', { min: range.fromMs / 1000, max: range.toMs / 1000 });
  }, [range]);

  const nowMs = simTime ? Date.parse(simTime) : 0;
  const setLive = (s: number) => setRange(liveRange(nowMs, s));
  return (
    <figure className="chart" data-testid="sensor-chart" data-sensor={sensor.id}>
      <figcaption className="chart-head">
        <span className="chart-title">{sensor.id}</span>
        <span className="btn-row" role="group" aria-label={`Range of ${sensor.name}`}>
          {PRESETS.map((p) => (
            <button key={p.s} className="btn btn-xs" onClick={() => setLive(p.s)}>{p.label}</button>
          ))}
          <button className="btn btn-xs" aria-label="Pan back" onClick={() => range && setRange(panRange(range, -0.5))}>◀</button>
          <button className="btn btn-xs" aria-label="Pan forward" onClick={() => range && setRange(panRange(range, 0.5))}>▶</button>
          <button className="btn btn-xs" aria-label="Zoom in" onClick={() => range && setRange(zoomRange(range, 0.5))}>+</button>
          <button className="btn btn-xs" aria-label="Zoom out" onClick={() => range && setRange(zoomRange(range, 2))}>−</button>
          <button className={`btn btn-xs${range?.live ? ' btn-on' : ''}`} aria-pressed={range?.live ?? false} onClick={() => setLive(range ? (range.toMs - range.fromMs) / 1000 : defaultSpanS)}>Live</button>
        </span>
      </figcaption>
      <div ref={host} className="chart-plot" />
      {status ? <p className="muted small">{status}</p> : null}
    </figure>
  );
}
