// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Spread, WhatIfResult } from '../../../protocol/what-if.ts';
import { compareWhatIf, pendingChanges, spreadText } from './what-if-logic.ts';

const s = (mean: number, std = 0): Spread => ({ mean, std, p10: mean - std, p90: mean + std });
const branch = (d: number, fpy: number, u: number, e: number) => ({ units: s(100), defectsPer1000: s(d, 1), firstPassYieldPct: s(fpy, 0.5), unitsPerH: s(u, 5), energyMWh: s(e, 0.1) });

const result = {
  baseline: branch(49, 95, 900, 70),
  changed: branch(19, 98, 902, 66),
  // Defects fell well beyond their spread; units/h moved less than the spread; energy fell.
  delta: { defectsPer1000: s(-30, 2), firstPassYieldPct: s(3, 0.4), unitsPerH: s(2, 6), energyMWh: s(-4, 0.3) },
} as unknown as WhatIfResult;

describe('what-if comparison', () => {
  it('shows baseline and changed side by side for defect rate, quality, production rate and energy', () => {
    const rows = compareWhatIf(result);
    expect(rows.map((r) => r.label)).toEqual(['Defect rate', 'Quality (first-pass yield)', 'Production rate', 'Energy']);
    expect(rows[0]!.baseline!.mean).toBe(49);
    expect(rows[0]!.changed!.mean).toBe(19);
  });

  it('calls fewer defects, higher yield and less energy better, and a move within its spread noise', () => {
    expect(compareWhatIf(result).map((r) => r.verdict)).toEqual(['better', 'better', 'within spread', 'better']);
  });

  it('shows a machine-only change, whose branches made no units, without a first-pass yield', () => {
    const machine = { ...result, baseline: { ...result.baseline, firstPassYieldPct: null }, changed: { ...result.changed, firstPassYieldPct: null }, delta: { ...result.delta, firstPassYieldPct: null } } as WhatIfResult;
    expect(compareWhatIf(machine)[1]).toMatchObject({ label: 'Quality (first-pass yield)', baseline: null, delta: null, verdict: 'no units' });
    expect(spreadText(null)).toBe('n/a');
  });

  it('calls more defects worse', () => {
    const worse = { ...result, delta: { ...result.delta, defectsPer1000: s(10, 1) } } as WhatIfResult;
    expect(compareWhatIf(worse)[0]!.verdict).toBe('worse');
  });
});

describe('what-if changes', () => {
  const specs = [{ id: 'Line_A.furnace_temp', min: 1350, max: 1650, target: 1500 }, { id: 'Line_A.belt_speed', min: 0, max: 200, target: 150 }];
  it('sends only setpoints moved away from their target, clamped to their safe bounds', () => {
    expect(pendingChanges({ 'Line_A.furnace_temp': 1700, 'Line_A.belt_speed': 150 }, specs)).toEqual([{ setpoint: 'Line_A.furnace_temp', value: 1650 }]);
    expect(pendingChanges({}, specs)).toEqual([]);
  });
});

describe('spread text', () => {
  it('shows mean ± std to 3 significant digits and float noise as 0', async () => {
    const { spreadText } = await import('./what-if-logic.ts');
    expect(spreadText(s(-4.0612, 1.6e-13))).toBe('-4.06 ± 0');
    expect(spreadText(s(49.44, 0.912))).toBe('49.4 ± 0.912');
  });
});
