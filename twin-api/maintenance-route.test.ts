import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwinEngine } from '../engine/engine.ts';
import type { MipSolver } from '../maintenance/mip.ts';
import type { SchedulePlan } from '../protocol/index.ts';
import { maintenanceFixture } from './maintenance/maintenance-fixture.test-helper.ts';
import { PgliteStore } from './store/pglite-store.ts';
import { KEYS } from './test-app.test-helper.ts';

const as = (role: keyof typeof KEYS) => ({ 'x-api-key': KEYS[role] });
const rulOf = (e: TwinEngine, id: string) => e.truth().rulH[e.layout.assetIndex.get(id)!]!;

describe('maintenance planning through the API', () => {
  let s: Awaited<ReturnType<typeof maintenanceFixture>>;
  beforeAll(async () => {
    s = await maintenanceFixture();
  });
  afterAll(async () => {
    await s.app.close();
    await s.db.close();
  });

  it('plans the failing pump first thing, leaves the healthy fan alone, and names the machine it has no prediction for', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/optimizer/schedule', headers: as('engineer'), payload: { teams_available: 2, horizon_days: 1 } });
    expect(res.statusCode).toBe(200);
    const plan = res.json().data as SchedulePlan;
    expect(plan.source).toBe('mip');
    expect(plan.status).toBe('optimal');
    expect(plan.jobs.map((j) => [j.unit, j.start, j.failureMode])).toEqual([['pump_001', '2026-01-01T00:01:00.000Z', 'impeller_wear']]);
    // The models say how soon, not of what: the job is that of the pump's likeliest mode (a maintenance renews every mode).
    expect(plan.jobs[0]!.riskAfter).toBeLessThan(plan.jobs[0]!.riskBefore);
    expect(plan.skipped).toEqual([{ unit: 'motor_001', reason: 'no failure risk and RUL prediction yet (model loading)' }]);
    expect(plan.teams).toEqual(['Team 1', 'Team 2']);
    // On the twin's forks the pump fails doing nothing, and the plan avoids it on every seed.
    expect(plan.twinCheck!.nothing.failures.mean).toBe(1);
    expect(plan.twinCheck!.plan.failuresAvoidedPct!.mean).toBe(100);
    expect(plan.twinCheck!.plan.costChangePct!.hi).toBeLessThan(0);
    expect(plan.twinCheckError).toBeNull();
    const latest = await s.app.inject({ url: '/api/maintenance/schedule', headers: as('viewer') });
    expect(latest.json().data.id).toBe(plan.id);
  });

  it('lets only engineers plan and apply, and names what is wrong in a request', async () => {
    expect((await s.app.inject({ method: 'POST', url: '/api/optimizer/schedule', headers: as('operator'), payload: {} })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'POST', url: '/api/maintenance/schedule/plan-1/apply', headers: as('viewer') })).statusCode).toBe(403);
    const bad = async (payload: unknown) => (await s.app.inject({ method: 'POST', url: '/api/optimizer/schedule', headers: as('engineer'), payload: payload as object })).json().error.message;
    expect(await bad({ teams_available: 0 })).toBe('teams_available: must be >= 1');
    expect(await bad({ unit_list: ['pump_001', 'pump_042'] })).toBe('unit_list: "pump_042" is not a machine of this plant');
    expect(await bad({ risk_threshold: 2 })).toBe('risk_threshold: must be <= 1');
    expect(await bad({ horizon: 7 })).toBe('body: must NOT have additional properties ("horizon" is not a field of it)');
    expect((await s.app.inject({ url: '/api/maintenance/schedule/nope', headers: as('viewer') })).json().error.message).toBe('no maintenance schedule "nope"');
  });

  it('applies a plan: each job is a maintenance command at its start time, through the plant command path, renewing the machine', async () => {
    const plan = (await s.app.inject({ method: 'POST', url: '/api/optimizer/schedule', headers: as('engineer'), payload: { unit_list: ['pump_001'], horizon_days: 1 } })).json().data as SchedulePlan;
    const startS = (Date.parse(plan.jobs[0]!.start) - s.engine.startMs) / 1000;
    expect(rulOf(s.engine, 'pump_001')).toBeLessThan(2);
    const applied = await s.app.inject({ method: 'POST', url: `/api/maintenance/schedule/${plan.id}/apply`, headers: as('engineer') });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().data.applied.jobs).toEqual([{ unit: 'pump_001', start: plan.jobs[0]!.start, state: 'pending', commandId: null, error: null }]);
    const events: { tS: number; type: string; asset: string }[] = [];
    s.engine.events$.subscribe((e) => events.push(e));
    s.engine.runUntil(startS - 1);
    expect(events.filter((e) => e.type === 'maintenance')).toEqual([]);
    s.engine.runUntil(startS + 5);
    await new Promise((r) => setTimeout(r, 50));
    const done = s.service.get(plan.id).applied!.jobs[0]!;
    expect(done.state).toBe('done');
    expect(done.commandId).toMatch(/^CMD-/);
    const maint = events.filter((e) => e.type === 'maintenance');
    expect(maint).toHaveLength(1);
    expect(maint[0]!.asset).toBe('pump_001');
    expect(maint[0]!.tS).toBeGreaterThanOrEqual(startS);
    expect(maint[0]!.tS).toBeLessThanOrEqual(startS + 1);
    expect(rulOf(s.engine, 'pump_001')).toBeGreaterThan(100);
    // Audited by the command service with the engineer who applied it and the plan it came from.
    expect(s.audit.some((a) => a.actor === 'engineer-user' && JSON.stringify(a.detail).includes(plan.id))).toBe(true);
    expect((await s.app.inject({ method: 'POST', url: `/api/maintenance/schedule/${plan.id}/apply`, headers: as('engineer') })).json().error.code).toBe('TWIN_ERR_CONFLICT');
  });
});

describe('maintenance planning when things fail', () => {
  it('falls back to the greedy schedule, and says why, when the solver fails; a failed twin check is said, not hidden', async () => {
    const broken: MipSolver = { name: 'HiGHS', solve: () => Promise.reject(new Error('wasm trap')) };
    const runner = { run: () => Promise.reject(new Error('workers gone')), close: async () => {} };
    const s = await maintenanceFixture({ solver: async () => broken, runner });
    const plan = (await s.app.inject({ method: 'POST', url: '/api/optimizer/schedule', headers: as('engineer'), payload: { horizon_days: 1 } })).json().data as SchedulePlan;
    expect(plan.source).toBe('greedy-fallback');
    expect(plan.fallbackReason).toBe('the HiGHS solver failed: wasm trap');
    expect(plan.jobs.map((j) => j.unit)).toEqual(['pump_001']);
    expect(plan.twinCheck).toBeNull();
    expect(plan.twinCheckError).toBe('the twin check failed: workers gone');
    await s.app.close();
    await s.db.close();
  });

  it('keeps an applied plan across a restart: its pending jobs still happen', async () => {
    const db = await PgliteStore.open('memory://');
    // Jobs are issued on the twin's ticks: this server stops before its clock ticks again.
    const first = await maintenanceFixture({}, db, false);
    const plan = (await first.app.inject({ method: 'POST', url: '/api/optimizer/schedule', headers: as('engineer'), payload: { horizon_days: 1 } })).json().data as SchedulePlan;
    await first.service.apply(plan.id, { actor: 'eve', role: 'engineer' });
    await first.service.close();
    await first.app.close();
    const again = await maintenanceFixture({}, db);
    expect(again.service.latest()!.id).toBe(plan.id);
    expect(again.service.get(plan.id).applied!.jobs.map((j) => j.state)).toEqual(plan.jobs.map(() => 'pending'));
    again.engine.runUntil((Date.parse(plan.jobs[0]!.start) - again.engine.startMs) / 1000 + 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(again.service.get(plan.id).applied!.jobs[0]!.state).toBe('done');
    await again.app.close();
    await db.close();
  });
});
