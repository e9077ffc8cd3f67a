import type { Tally } from './tally.ts';

/** Running KPI state of one line or machine. */
export interface AssetKpi {
  readonly asset: string;
  readonly isLine: boolean;
  readonly targetPerH: number;
  readonly idealPerH: number;
  /** Index of the line's belt speed sensor in frames, or -1. */
  readonly beltSensor: number;
  failed: boolean;
  stopped: boolean;
  lastDefectiveUnit: number;
  readonly shift: Tally;
  readonly previousShift: Tally;
  readonly day: Tally;
  /** Ring of one-minute buckets (rolling window) and one-hour buckets (sparkline), keyed by the tracker. */
  readonly minutes: Tally[];
  readonly hours: Tally[];
}
