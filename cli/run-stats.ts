import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../engine/engine.ts';
import { DEFECT_TYPES, type DefectType } from '../physics/model.ts';
import { formatSeconds } from './progress.ts';

/** Counts what a run produced, for the one-line summary at its end. */
export class RunStats {
  samples = 0;
  units = 0;
  alerts = 0;
  readonly defects = new Map<DefectType, number>(DEFECT_TYPES.map((d) => [d, 0]));
  readonly failures: string[] = [];
  private readonly subs: Subscription[];

  constructor(engine: TwinEngine) {
    this.subs = [
      engine.frames$.subscribe((f) => {
        this.samples += f.sampledCount;
      }),
      engine.events$.subscribe((e) => {
        if (e.type === 'defect') this.defects.set(e.defect, (this.defects.get(e.defect) ?? 0) + 1);
        else if (e.type === 'unit_produced') this.units++;
        else if (e.type === 'failure') this.failures.push(`${e.asset}:${e.mode}`);
        else if (e.type === 'alert') this.alerts++;
      }),
    ];
  }

  get defectTotal(): number {
    let n = 0;
    for (const v of this.defects.values()) n += v;
    return n;
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
  }

  /** e.g. "simulated 24h00m00s · 9,120,000 samples · 64,800 units · defects 812 (crack 301, …) · failures 1 (pump_003:bearing_wear) · wall 2.9s" */
  summary(simulatedS: number, wallMs: number): string {
    const defects = [...this.defects.entries()].filter(([, n]) => n > 0).map(([d, n]) => `${d} ${n}`);
    return [
      `simulated ${formatSeconds(simulatedS)}`,
      `${this.samples.toLocaleString('en-US')} samples`,
      `${this.units.toLocaleString('en-US')} units`,
      `defects ${this.defectTotal}${defects.length ? ` (${defects.join(', ')})` : ''}`,
      `failures ${this.failures.length}${this.failures.length ? ` (${this.failures.join(', ')})` : ''}`,
      `alerts ${this.alerts}`,
      `wall ${(wallMs / 1000).toFixed(2)}s`,
    ].join(' · ');
  }
}
