import { describe, expect, it } from 'vitest';
import { ruleBasedOperator } from './baselines.ts';
import type { Envelope } from './safety-policy.ts';

const env = (name: string, lo: number, hi: number, unit: string): Envelope => ({ setpoint: `Line_A.${name}`, unit, lo, hi, ratePerS: 1, approvalAbove: 100 });
const envelopes = [env('furnace_temp', 1350, 1650, '°C'), env('belt_speed', 50, 200, 'm/min'), env('forming_pressure', 0, 120, 'MPa')];
const targets = { 'Line_A.furnace_temp': 1500, 'Line_A.belt_speed': 150, 'Line_A.forming_pressure': 40 };
const rules = (recentDefects: Record<string, number>, recentUnits = 900) => ruleBasedOperator({ asset: 'Line_A', recentDefects, recentUnits, envelopes, targets, atS: 3600 });

describe('the rule-based operator (the plant’s intervention table)', () => {
  it('cuts the furnace 25 °C on cracks, the forming pressure 10 MPa on bubbles, the belt 15 % on deformation', () => {
    expect(rules({ crack: 30, bubble: 2 }).moves).toEqual([{ setpoint: 'Line_A.furnace_temp', unit: '°C', from: 1500, to: 1475, needsApproval: false }]);
    expect(rules({ bubble: 40 }).moves[0]).toMatchObject({ setpoint: 'Line_A.forming_pressure', to: 30 });
    expect(rules({ deformation: 40, crack: 5 }).moves[0]).toMatchObject({ setpoint: 'Line_A.belt_speed', to: 127.5 });
  });

  it('leaves a line alone below 20 defects per 1,000, or when the dominant defect has no rule', () => {
    expect(rules({ crack: 10 }).moves).toEqual([]);
    expect(rules({ cloudiness: 50 }).moves).toEqual([]);
    expect(rules({ crack: 30 }, 0).moves).toEqual([]);
  });

  it('never leaves the envelope', () => {
    const low = ruleBasedOperator({ asset: 'Line_A', recentDefects: { bubble: 50 }, recentUnits: 900, envelopes, targets: { ...targets, 'Line_A.forming_pressure': 4 }, atS: 0 });
    expect(low.moves[0]).toMatchObject({ from: 4, to: 0 });
  });
});
