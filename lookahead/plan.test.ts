import { describe, expect, it } from 'vitest';
import { buildLayout } from '../engine/layout.ts';
import { changesNow, orderedSteps, planAssets, type LookaheadPlan } from './plan.ts';
import { probeModel } from './probe-model.test-helper.ts';

const layout = buildLayout([probeModel()], 2);
const plan = (steps: LookaheadPlan['steps']): LookaheadPlan => ({ steps, horizonS: 100, stepS: 10, seeds: [1], scope: 'affected' });

describe('timed plan', () => {
  it('expresses changes applied now as steps at 0 s', () => {
    expect(changesNow([{ setpoint: 'probe.u', value: 3 }])).toEqual([{ atS: 0, setpoint: 'probe.u', value: 3 }]);
  });

  it('orders steps by time, keeping the given order at one time', () => {
    const steps = [
      { atS: 40, setpoint: 'probe.u', value: 1 },
      { atS: 0, setpoint: 'probe.u', value: 2 },
      { atS: 40, setpoint: 'probe.u', value: 3 },
    ];
    expect(orderedSteps(plan(steps), layout).map((s) => s.value)).toEqual([2, 1, 3]);
    expect(planAssets(plan(steps), layout)).toEqual(['probe']);
  });

  it('refuses an unknown setpoint, a time outside the horizon and a time off the plant tick', () => {
    expect(() => orderedSteps(plan([{ atS: 0, setpoint: 'probe.v', value: 1 }]), layout)).toThrow('steps[0]: unknown setpoint "probe.v"');
    expect(() => orderedSteps(plan([{ atS: 100, setpoint: 'probe.u', value: 1 }]), layout)).toThrow('steps[0]: atS must be within [0, 100) s, got 100');
    expect(() => orderedSteps(plan([{ atS: -2, setpoint: 'probe.u', value: 1 }]), layout)).toThrow(RangeError);
    expect(() => orderedSteps(plan([{ atS: 3, setpoint: 'probe.u', value: 1 }]), layout)).toThrow("steps[0]: atS 3 s is not on the plant's 2 s tick grid");
  });
});
