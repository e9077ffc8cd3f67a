// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Spread, WhatIfResult } from '../../../protocol/what-if.ts';
import { compareWhatIf, defectRows, effectRows, machineRows, MACHINE_BASIS, pendingChanges, planLines, spreadText } from './what-if-logic.ts';

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

const effect = (tS: number | null, seedsDeparted = tS === null ? 0 : 16) => ({ tS, perSeedS: null, seedsDeparted });
// Power answers the setpoint in a minute; the defect rate follows the glass through the lehr hours later.
const tte = {
  tS: 60,
  quantity: 'power',
  resolutionS: 10,
  byQuantity: { defect_rate: effect(11_400, 12), production_rate: effect(null), power: effect(60) },
} as WhatIfResult['timeToEffect'];

describe('time to effect per metric', () => {
  it('gives each metric its own time, earliest first, and says when one has no lasting effect within the horizon', () => {
    expect(effectRows(tte, 14_400, 16).map((r) => r.text)).toEqual(['power: 1 min', 'defect rate: 3 h 10 min', 'production: no lasting effect within 4 h']);
    expect(effectRows(tte, 14_400, 16)[1]!.seedsText).toBe('12 of 16 seeds departed');
  });

  it('no longer reports only the earliest quantity: the slow defect rate is shown beside the fast power', () => {
    expect(tte.quantity).toBe('power');
    expect(effectRows(tte, 14_400, 16).map((r) => r.quantity)).toEqual(['power', 'defect_rate', 'production_rate']);
  });

  it('says "no lasting effect" for every metric when nothing departed', () => {
    const none = { tS: null, quantity: null, resolutionS: 10, byQuantity: { defect_rate: effect(null), production_rate: effect(null), power: effect(null) } } as WhatIfResult['timeToEffect'];
    expect(effectRows(none, 3600, 16).every((r) => r.text.endsWith('no lasting effect within 1 h'))).toBe(true);
  });

});

const zeroTypes = { crack: s(0), bubble: s(0), chip: s(0), cloudiness: s(0), deformation: s(0), stain: s(0), stress_fracture: s(0) };
const withTypes = {
  ...result,
  baseline: { ...result.baseline, defectsPer1000ByType: { ...zeroTypes, crack: s(30, 2), stress_fracture: s(19, 1) } },
  changed: { ...result.changed, defectsPer1000ByType: { ...zeroTypes, crack: s(10, 1), stress_fracture: s(9, 1) } },
  delta: { ...result.delta, defectsPer1000ByType: { ...zeroTypes, crack: s(-20, 2), stress_fracture: s(-10, 1) } },
} as unknown as WhatIfResult;

describe('defects by type', () => {
  it('shows each type the branches made, baseline vs changed with the paired difference', () => {
    const rows = defectRows(withTypes);
    expect(rows.map((r) => r.label)).toEqual(['crack', 'stress fracture']);
    expect(rows[0]).toMatchObject({ type: 'crack', baseline: { mean: 30 }, changed: { mean: 10 }, delta: { mean: -20 } });
  });

  it('shows nothing when no branch made a defect', () => {
    const clean = { ...withTypes, baseline: { ...withTypes.baseline, defectsPer1000ByType: zeroTypes }, changed: { ...withTypes.changed, defectsPer1000ByType: zeroTypes } } as WhatIfResult;
    expect(defectRows(clean)).toEqual([]);
  });
});

describe('machine health', () => {
  const machine = {
    ...result,
    machineHealth: { source: 'twin_wear_state', rulAtForkH: 812.34 },
    baseline: { ...result.baseline, rulEndH: s(808, 0.5), failureRiskPct: 0 },
    changed: { ...result.changed, rulEndH: s(790, 1.2), failureRiskPct: 12.5 },
    delta: { ...result.delta, rulEndH: s(-18, 1), failureRiskPct: 12.5 },
  } as unknown as WhatIfResult;

  it('shows remaining life at the horizon and failure risk, baseline vs changed', () => {
    expect(machineRows(machine)).toEqual([
      { key: 'rul', label: 'Remaining life at horizon (h; 812.3 h at fork)', baseline: '808 ± 0.5', changed: '790 ± 1.2', delta: '-18 ± 1' },
      { key: 'risk', label: 'Failure risk within horizon (% of seeds)', baseline: '0 %', changed: '12.5 %', delta: '+12.5 pp' },
    ]);
  });

  it("labels the figures as the twin's wear state, not a model estimate", () => {
    expect(MACHINE_BASIS).toMatch(/twin's wear state/);
    expect(MACHINE_BASIS).toMatch(/not a model estimate/);
  });

  it('shows no machine rows when no machine is covered', () => {
    expect(machineRows({ ...machine, machineHealth: null } as WhatIfResult)).toEqual([]);
  });

  it('shows the risk without a remaining life when the branches have none', () => {
    const noRul = { ...machine, baseline: { ...machine.baseline, rulEndH: null }, changed: { ...machine.changed, rulEndH: null } } as WhatIfResult;
    expect(machineRows(noRul).map((r) => r.key)).toEqual(['risk']);
  });
});

describe('the plan that ran', () => {
  it('shows each change with when it applies and whether it goes back', () => {
    expect(planLines([
      { setpoint: 'Line_A.furnace_temp', value: 1551, asset: 'Line_A', atS: 0, durationS: 7200 },
      { setpoint: 'pump_003.load', value: 0.8, asset: 'pump_003', atS: 600 },
    ])).toEqual(['Line_A.furnace_temp → 1551 at fork, for 2 h, then back', 'pump_003.load → 0.8 after 10 min, stays']);
  });
});
