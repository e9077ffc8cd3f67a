import type { TwinEvent } from '../../engine/events.ts';
import type { Frame } from '../../engine/frame.ts';
import { DEFECT_TYPES } from '../../physics/model.ts';
import { DEFAULT_KPI_CONFIG, parseKpiConfig, type KpiConfig } from './kpi-config.ts';
import { buildSnapshot, type KpiSnapshot } from './kpi-snapshot.ts';
import { dayAt, shiftAt, type Period } from './periods.ts';
import { idealUnitsIn, Tally } from './tally.ts';
import type { AssetKpi } from './asset-kpi.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Hourly buckets kept for the quality sparkline. */
export const SPARKLINE_HOURS = 24;

export interface KpiTrackerOptions {
  /** Epoch ms of the scenario's t = 0 (engine.startMs): events carry seconds since then. */
  readonly startMs: number;
  readonly lines: readonly string[];
  readonly machines?: readonly string[];
  /** The plant's sensor index (engine.layout.sensorIndex), to read each line's belt speed from frames. */
  readonly sensorIndex?: ReadonlyMap<string, number>;
  /** Raw configuration (validated here); defaults when absent. */
  readonly config?: unknown;
}

/** What the tracker reads of a frame. */
export type KpiFrame = Pick<Frame, 'timeMs' | 'values'> & { readonly events?: readonly TwinEvent[] };

/**
 * Production and quality KPIs per line and plant-wide, for the current and previous shift, the day,
 * a rolling window and a 24 h hourly sparkline. Pure and deterministic: time advances only with the
 * frames and events it is fed. An event costs O(1); time advancing costs O(assets) per elapsed minute.
 *
 * @example
 * const kpis = new KpiTracker({ startMs: engine.startMs, lines: ['Line_A'], sensorIndex: engine.layout.sensorIndex });
 * engine.frames$.subscribe((f) => kpis.onFrame(f));
 * publish('quality', kpis.snapshot());
 */
export class KpiTracker {
  readonly config: KpiConfig;
  private readonly assets: AssetKpi[] = [];
  private readonly byAsset = new Map<string, AssetKpi>();
  private readonly startMs: number;
  private readonly minuteKeys: Float64Array;
  private readonly hourKeys = new Float64Array(SPARKLINE_HOURS).fill(-1);
  private nowMs: number;
  private shift: Period;
  private previousShift: Period | null = null;
  private day: Period;
  private lastSeq = -1;

  constructor(options: KpiTrackerOptions) {
    this.config = options.config === undefined ? DEFAULT_KPI_CONFIG : parseKpiConfig(options.config);
    this.startMs = this.nowMs = options.startMs;
    // One bucket more than the window: when `now` is mid-minute the window spans a partial minute at each end.
    this.minuteKeys = new Float64Array(this.config.rollingWindowMin + 1).fill(-1);
    this.shift = shiftAt(this.nowMs, this.config.shiftStartsUtcH);
    this.day = dayAt(this.nowMs, this.config.dayStartUtcH);
    for (const line of options.lines) this.addAsset(line, true, options.sensorIndex?.get(`${line}.forming.belt_speed`) ?? -1);
    for (const m of options.machines ?? []) this.addAsset(m, false, -1);
    this.rollBuckets();
  }

  /** Simulated time of the latest input. */
  get timeMs(): number {
    return this.nowMs;
  }

  /**
   * One engine frame: advances time, reads each line's belt speed (≈ 0 means stopped), and takes the
   * frame's events. Events fed again through onEvent are ignored (taken once by sequence number).
   */
  onFrame(frame: KpiFrame): void {
    this.advanceTo(frame.timeMs);
    for (const a of this.assets) {
      if (a.beltSensor < 0) continue;
      const v = frame.values[a.beltSensor]!;
      if (v === v) a.stopped = v < this.config.stoppedBeltMpm; // a missing sample changes nothing
    }
    if (frame.events) for (const e of frame.events) this.take(e);
  }

  /** One event (unit_produced, defect, failure, maintenance count; others are ignored). */
  onEvent(event: TwinEvent): void {
    this.advanceTo(this.startMs + event.tS * 1000);
    this.take(event);
  }

  /** Advances simulated time (integrating planned, run and down time); earlier times are ignored. */
  advanceTo(tMs: number): void {
    while (this.nowMs < tMs) {
      const nextMinute = (Math.floor(this.nowMs / MINUTE_MS) + 1) * MINUTE_MS;
      const end = Math.min(tMs, nextMinute, this.shift.endMs, this.day.endMs);
      const dtS = (end - this.nowMs) / 1000;
      const mi = Math.floor(this.nowMs / MINUTE_MS) % this.minuteKeys.length;
      const hi = Math.floor(this.nowMs / HOUR_MS) % SPARKLINE_HOURS;
      for (const a of this.assets) {
        const down = a.failed || a.stopped;
        integrate(a.shift, a, dtS, down);
        integrate(a.day, a, dtS, down);
        integrate(a.minutes[mi]!, a, dtS, down);
        integrate(a.hours[hi]!, a, dtS, down);
      }
      this.nowMs = end;
      if (end === this.shift.endMs) this.rollShift();
      if (end === this.day.endMs) {
        for (const a of this.assets) a.day.reset();
        this.day = dayAt(end, this.config.dayStartUtcH);
      }
      this.rollBuckets();
    }
  }

  /** The KPIs now, as plain JSON (REST and the `quality` WebSocket channel). */
  snapshot(): KpiSnapshot {
    return buildSnapshot({
      nowMs: this.nowMs,
      assets: this.assets,
      shift: this.shift,
      previousShift: this.previousShift,
      day: this.day,
      rollingWindowMin: this.config.rollingWindowMin,
      minuteKeys: this.minuteKeys,
      hourKeys: this.hourKeys,
    });
  }

  private take(e: TwinEvent): void {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    const a = this.byAsset.get(e.asset) ?? (e.type === 'failure' ? this.addAsset(e.asset, false, -1) : undefined);
    if (!a) return;
    const mi = Math.floor(this.nowMs / MINUTE_MS) % this.minuteKeys.length;
    const hi = Math.floor(this.nowMs / HOUR_MS) % SPARKLINE_HOURS;
    switch (e.type) {
      case 'unit_produced':
        a.shift.units++;
        a.day.units++;
        a.minutes[mi]!.units++;
        a.hours[hi]!.units++;
        return;
      case 'defect': {
        // Several defects on one unit arrive as consecutive events with its unitId: one defective unit.
        const newUnit = e.unitId !== a.lastDefectiveUnit;
        a.lastDefectiveUnit = e.unitId;
        const type = DEFECT_TYPES.indexOf(e.defect);
        countDefect(a.shift, type, newUnit);
        countDefect(a.day, type, newUnit);
        countDefect(a.minutes[mi]!, type, newUnit);
        countDefect(a.hours[hi]!, type, newUnit);
        return;
      }
      case 'failure':
        a.failed = true;
        return;
      case 'maintenance':
        a.failed = false;
        return;
      default:
        return;
    }
  }

  private rollShift(): void {
    for (const a of this.assets) {
      a.previousShift.copyFrom(a.shift);
      a.shift.reset();
    }
    this.previousShift = this.shift;
    this.shift = shiftAt(this.nowMs, this.config.shiftStartsUtcH);
  }

  /** Empties the minute and hour buckets that `nowMs` enters for the first time. */
  private rollBuckets(): void {
    const minute = Math.floor(this.nowMs / MINUTE_MS);
    const mi = minute % this.minuteKeys.length;
    if (this.minuteKeys[mi] !== minute) {
      this.minuteKeys[mi] = minute;
      for (const a of this.assets) a.minutes[mi]!.reset();
    }
    const hour = Math.floor(this.nowMs / HOUR_MS);
    const hi = hour % SPARKLINE_HOURS;
    if (this.hourKeys[hi] !== hour) {
      this.hourKeys[hi] = hour;
      for (const a of this.assets) a.hours[hi]!.reset();
    }
  }

  private addAsset(asset: string, isLine: boolean, beltSensor: number): AssetKpi {
    const rates = this.config.lines[asset];
    const a: AssetKpi = {
      asset,
      isLine,
      targetPerH: isLine ? (rates?.targetUnitsPerH ?? this.config.defaultTargetUnitsPerH) : 0,
      idealPerH: isLine ? (rates?.idealUnitsPerH ?? this.config.defaultIdealUnitsPerH) : 0,
      beltSensor,
      failed: false,
      stopped: false,
      lastDefectiveUnit: -1,
      shift: new Tally(),
      previousShift: new Tally(),
      day: new Tally(),
      minutes: Array.from({ length: this.minuteKeys.length }, () => new Tally()),
      hours: Array.from({ length: SPARKLINE_HOURS }, () => new Tally()),
    };
    this.assets.push(a);
    this.byAsset.set(asset, a);
    return a;
  }
}

function integrate(t: Tally, a: AssetKpi, dtS: number, down: boolean): void {
  t.plannedS += dtS;
  t.targetUnits += (a.targetPerH * dtS) / 3600;
  if (down) t.downS += dtS;
  else t.idealUnits += idealUnitsIn(dtS, a.idealPerH);
}

function countDefect(t: Tally, type: number, newUnit: boolean): void {
  t.defects++;
  if (type >= 0) t.byType[type]!++;
  if (newUnit) t.defectiveUnits++;
}
