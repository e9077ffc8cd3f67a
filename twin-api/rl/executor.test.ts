/**
 * The executor on a fake plant: commands are recorded as the command service would execute them,
 * units and defects arrive on a hand-driven event stream. It ramps within the policy's rate as the
 * optimizer, keeps a change that holds its promise, and undoes one that makes quality worse or whose
 * command is refused — ramping the previous target back within the same rate, as `rollback`.
 */
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../commands/plant-commands.ts';
import type { TwinEvent } from '../../engine/events.ts';
import type { Evidence } from '../../rl/proposal.ts';
import { optimizerAt, RecommendationBook } from '../../rl/recommendation-book.ts';
import type { Recommendation, VerifiedCandidate } from '../../rl/recommendation.ts';
import { DEFAULT_ROLLBACK } from '../../rl/rollback-rule.ts';
import type { Envelope } from '../../rl/safety-policy.ts';
import { Executor } from './executor.ts';

const FURNACE: Envelope = { setpoint: 'Line_A.furnace_temp', unit: '°C', lo: 1350, hi: 1650, ratePerS: 50 / 3600, approvalAbove: 100 };
/** Verification said: holding 1500 °C gives 20 defects per 1,000, 1450 °C gives 12. */
const evidence = {
  effects: [],
  defectImprovementLower95: 5,
  timeToEffectS: 1800,
  horizonS: 7200,
  runs: 8,
  seeds: [501, 502],
  perturbations: 3,
  violations: 0,
  curves: { tS: [0, 7200], holdDefectsPer1000: [20, 20], candidateDefectsPer1000: [20, 12] },
  shadow: { trackingAccuracy: 0.96, flagged: [], trusted: true },
  rationale: '',
} satisfies Evidence;
const verified: VerifiedCandidate = {
  candidate: { asset: 'Line_A', planner: 'mpc', plannedAtS: 0, objective: -1, moves: [{ setpoint: FURNACE.setpoint, unit: '°C', from: 1500, to: 1450, needsApproval: false }] },
  plan: [],
  verdict: { kind: 'proposal', evidence },
};

interface Sent {
  readonly atS: number;
  readonly value: number;
  readonly origin: string;
}

function rig(opts: { refuseAbove?: number } = {}) {
  let n = 0;
  const book = new RecommendationBook(() => `REC-${++n}`);
  const events = new Subject<TwinEvent>();
  let target = 1500;
  let nowS = 0;
  let seq = 0;
  const sent: Sent[] = [];
  const saved: Recommendation[] = [];
  const executor = new Executor({
    book,
    commands: {
      setpoints: () => [{ id: FURNACE.setpoint, asset: 'Line_A', name: 'furnace_temp', unit: '°C', min: 1350, max: 1650, lagS: 600, rateLimitPerS: 1, target, actual: target }],
      execute: async (command, meta) => {
        if (command.kind !== 'setpoint') throw new Error('only setpoints here');
        if (opts.refuseAbove !== undefined && sent.length >= opts.refuseAbove) throw new Error('the plant did not answer');
        target = command.value;
        sent.push({ atS: nowS, value: command.value, origin: meta.origin });
        return { id: `CMD-${sent.length}` } as CommandOutcome;
      },
    },
    events$: events,
    isoAt: (t) => `t+${t}`,
    envelopeOf: (id) => (id === FURNACE.setpoint ? FURNACE : undefined),
    rollback: () => DEFAULT_ROLLBACK,
    constraint: () => null,
    save: async (r) => {
      saved.push(r);
    },
    log: () => {},
  });
  const rec = book.record(verified, optimizerAt(0, 't+0'), { [FURNACE.setpoint]: 1500 }, 1);
  book.approve(rec.id, { actor: 'olga', role: 'operator', atS: 0, at: 't+0' }, { [FURNACE.setpoint]: 1500 }, 900);
  /** `defectsPer1000` of the units made each minute are defective (10 units a minute). */
  async function runMinutes(minutes: number, defectsPer1000: number) {
    for (let m = 0; m < minutes; m++) {
      for (let u = 0; u < 10; u++) {
        const unitId = ++seq;
        nowS += 6;
        events.next({ type: 'unit_produced', seq, tick: nowS, tS: nowS, asset: 'Line_A', unitId });
        // Deterministic thinning: one defect every 1000/defectsPer1000 units.
        if (defectsPer1000 > 0 && Math.floor((unitId * defectsPer1000) / 1000) > Math.floor(((unitId - 1) * defectsPer1000) / 1000)) {
          events.next({ type: 'defect', seq: ++seq, tick: nowS, tS: nowS, asset: 'Line_A', unitId, defect: 'crack', x: 0, y: 0, severity: 1 });
        }
      }
      await executor.tick(nowS);
    }
  }
  return { book, executor, rec, sent, saved, runMinutes, target: () => target, now: () => nowS };
}

function stepsWithinRate(sent: readonly Sent[], from: number) {
  let prev = { atS: 0, value: from };
  for (const s of sent) {
    expect(Math.abs(s.value - prev.value)).toBeLessThanOrEqual(FURNACE.ratePerS * Math.max(60, s.atS - prev.atS) + 1e-9);
    prev = s;
  }
}

describe('the executor', () => {
  it('ramps an approved change at the policy rate as the optimizer, and keeps it when quality holds over the window', async () => {
    const r = rig();
    await r.executor.begin(r.book.get(r.rec.id), 0);
    // Ramp of 50 °C at 50 °C/h: one hour; then the 30 min window, at 12 defects per 1,000.
    await r.runMinutes(95, 12);
    expect(r.target()).toBe(1450);
    expect(r.sent.every((s) => s.origin === 'optimizer')).toBe(true);
    expect(r.sent.length).toBe(60);
    stepsWithinRate(r.sent, 1500);
    const done = r.book.get(r.rec.id);
    expect(done.status).toBe('applied');
    expect(done.outcome).toMatchObject({ holdDefectsPer1000: 20, expectedDefectsPer1000: 12, improved: true });
    expect(done.execution!.commandIds).toHaveLength(60);
    expect(r.executor.busyAssets().size).toBe(0);
  });

  it('rolls back by itself when the defect rate rises more than 20 % over the verified level, restoring the previous target within the rate', async () => {
    const r = rig();
    await r.executor.begin(r.book.get(r.rec.id), 0);
    // 60 defects per 1,000 against a verified 20: the lower bound clears the 24 limit within minutes.
    await r.runMinutes(30, 60);
    const rolled = r.book.get(r.rec.id);
    expect(rolled.status).toBe('rolled_back');
    expect(rolled.execution!.rollback).toMatchObject({ automatic: true });
    expect(rolled.execution!.rollback!.reason).toMatch(/^defects at least \d+\.\d per 1,000 over \d+ units, more than 20 % above the verified 20\.0$/);
    expect(rolled.decisions.at(-1)).toMatchObject({ status: 'rolled_back', actor: 'optimizer' });
    // Caught during the ramp: the furnace had come down part of the way only.
    const lowest = Math.min(...r.sent.map((x) => x.value));
    expect(lowest).toBeLessThan(1500);
    expect(lowest).toBeGreaterThan(1450);
    await r.runMinutes(60, 20);
    expect(r.target()).toBe(1500);
    const back = r.sent.filter((s) => s.origin === 'rollback');
    expect(back.length).toBeGreaterThan(0);
    expect(back.at(-1)!.value).toBe(1500);
    stepsWithinRate(r.sent, 1500);
    expect(rolled.outcome).toMatchObject({ improved: false });
    expect(r.executor.busyAssets().size).toBe(0);
  });

  it('does not roll back on a few unlucky units early in the window', async () => {
    const r = rig();
    await r.executor.begin(r.book.get(r.rec.id), 0);
    // 30 per 1,000 is above the limit, but over 50 units the lower bound is not.
    await r.runMinutes(5, 30);
    expect(r.book.get(r.rec.id).status).toBe('applying');
  });

  it('undoes the change when a ramp command is refused', async () => {
    const r = rig({ refuseAbove: 3 });
    await r.executor.begin(r.book.get(r.rec.id), 0);
    await r.runMinutes(5, 12);
    const rec = r.book.get(r.rec.id);
    expect(rec.status).toBe('rolled_back');
    expect(rec.execution!.rollback!.reason).toBe('a ramp command was refused: the plant did not answer');
    expect(r.sent.map((s) => s.origin)).toEqual(['optimizer', 'optimizer', 'optimizer']);
  });

  it('rolls back at an operator’s request with the operator as the actor', async () => {
    const r = rig();
    await r.executor.begin(r.book.get(r.rec.id), 0);
    await r.runMinutes(10, 12);
    const done = await r.executor.rollBack(r.rec.id, { actor: 'olga', role: 'operator', atS: r.now(), at: `t+${r.now()}` }, 'lane 3 jammed', false);
    expect(done.decisions.at(-1)).toMatchObject({ status: 'rolled_back', actor: 'olga', reason: 'lane 3 jammed' });
    expect(done.execution!.rollback).toMatchObject({ automatic: false, reason: 'lane 3 jammed' });
    await r.runMinutes(15, 12);
    expect(r.target()).toBe(1500);
  });
});
