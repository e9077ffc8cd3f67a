/**
 * The optimizer end to end on the live twin's services: a crack storm (furnace-overheat-crack-storm
 * at 09:00, Line_A's burner drifting hot) is planned on, verified and proposed; an operator approves
 * it and the setpoints ramp through the command service within the policy's rate; a worsening rolls
 * it back to the previous targets; stale proposals cannot be applied; every decision is audited and
 * the book survives a restart. The twin is stepped by hand (no clock), the rollouts run in process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRolloutRunner } from '../lookahead/rollout-runner.ts';
import type { Recommendation } from '../rl/recommendation.ts';
import { createTwinServices, type TwinServices } from '../twin-api/services/create-twin-services.ts';
import type { TwinServicesConfig } from '../twin-api/services/twin-services-config.ts';
import { KEYS, testAuth } from '../twin-api/test-app.test-helper.ts';
import { checkingWhatIfService } from './api-app.test-helper.ts';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';

const SCENARIO = 'furnace-overheat-crack-storm';
const dir = mkdtempSync(join(tmpdir(), 'twin-rl-agent-'));
const layout = createEngine(loadLibraryScenario(SCENARIO)).layout;

function config(): TwinServicesConfig {
  return {
    auth: testAuth(),
    scenario: SCENARIO,
    // Without the shift lead's scripted reaction at 10:42: the test is the one acting on the plant.
    scenarioVariant: (sc) => ({ ...sc, actions: [] }),
    clock: { kind: 'paced', speed: 1 },
    // 09:00: three hours into the burner drift, the melt ~90 °C hot and cracks climbing.
    warmUpS: 9 * 3600,
    store: { kind: 'pglite', dataDir: join(dir, 'history') },
    mqtt: null,
    models: { dir: join(dir, 'models'), bootstrap: false, retrainOnDrift: false, train: () => ({ done: Promise.resolve({ registered: [], skipped: [] }), cancel: () => {} }) },
    whatIf: { ...checkingWhatIfService(layout.setpoints), runner: inProcessRolloutRunner() },
    // A smaller search than the server's (bench:rl measures that one): enough to find the furnace cut.
    optimizer: { scheduled: false, proposer: { mpc: { samples: 24, iterations: 2 }, planningSeeds: 2 } },
    viewerDist: null,
    strictResponses: true,
  };
}

const as = (role: keyof typeof KEYS) => ({ 'x-api-key': KEYS[role] });

describe('the optimizer on the live twin', () => {
  let s: TwinServices;
  let proposal: Recommendation;

  beforeAll(async () => {
    s = await createTwinServices(config());
    // Shadow mode needs live measurements of Line_A to trust the twin: let the stand-in plant send some.
    await s.source.start();
    // The executor follows the twin's frames; the clock stays off and the test steps the twin.
    s.optimizer.start();
    s.engine.runFor(1800);
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets only engineers plan on demand, and proposes a verified change for the line in the crack storm', async () => {
    expect((await s.app.inject({ method: 'POST', url: '/api/rl-agent/optimize', headers: as('operator'), payload: { asset: 'Line_A' } })).statusCode).toBe(403);
    const r = await s.app.inject({ method: 'POST', url: '/api/rl-agent/optimize', headers: as('engineer'), payload: { asset: 'Line_A' } });
    expect(r.statusCode, r.body).toBe(200);
    const [rec] = r.json().data as Recommendation[];
    expect(rec, 'one recommendation for Line_A').toBeDefined();
    expect(rec!.status, `dropped: ${rec!.dropReasons.join(', ')}; ${rec!.evidence.rationale}`).toBe('proposed');
    proposal = rec!;
    const furnace = rec!.moves.find((m) => m.setpoint === 'Line_A.furnace_temp');
    expect(furnace!.to).toBeLessThan(furnace!.from);
    expect(rec!.evidence.violations).toBe(0);
    expect(rec!.evidence.defectImprovementLower95).toBeGreaterThan(0.5);
    expect(rec!.evidence.runs).toBe(8);
    expect(rec!.evidence.rationale).toMatch(/^Changing Line_A\.furnace_temp from 1500 to \d+(\.\d+)? °C.* is expected to cut defects by/);
  }, 120_000);

  const target = (id: string) => s.engine.setpoints().find((x) => x.id === id)!.target;
  /** Steps the twin a minute at a time, letting the executor send what is due after each. */
  async function runMinutes(n: number, each?: () => void) {
    for (let i = 0; i < n; i++) {
      s.engine.runFor(60);
      await s.optimizer.idle();
      each?.();
    }
  }

  it('lets operators, not viewers or trainers, decide; a rejection needs its reason', async () => {
    for (const role of ['viewer', 'trainer'] as const) {
      expect((await s.app.inject({ method: 'POST', url: '/api/rl-agent/apply-recommendation', headers: as(role), payload: { id: proposal.id } })).statusCode).toBe(403);
    }
    const noReason = await s.app.inject({ method: 'POST', url: '/api/rl-agent/reject', headers: as('operator'), payload: { id: proposal.id, reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toMatch(/^reason: /);
    const list = await s.app.inject({ method: 'GET', url: '/api/rl-agent/recommendations?status=open', headers: as('viewer') });
    expect(list.json().data.map((r: Recommendation) => r.id)).toEqual([proposal.id]);
  });

  it('refuses to apply a proposal the plant has moved away from since it was verified, and expires it', async () => {
    const planned = (await s.app.inject({ method: 'POST', url: '/api/rl-agent/optimize', headers: as('engineer'), payload: { asset: 'Line_A' } })).json().data as Recommendation[];
    const fresh = planned[0]!;
    expect(fresh.status, fresh.dropReasons.join(', ')).toBe('proposed');
    const moved = fresh.moves[0]!.setpoint;
    const put = await s.app.inject({ method: 'PUT', url: `/api/plant/setpoints/${moved}`, headers: as('operator'), payload: { value: fresh.moves[0]!.from + (fresh.moves[0]!.to > fresh.moves[0]!.from ? -1 : 1) } });
    expect(put.statusCode, put.body).toBe(200);
    const r = await s.app.inject({ method: 'POST', url: '/api/rl-agent/apply-recommendation', headers: as('operator'), payload: { id: fresh.id } });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(new RegExp(`^recommendation ${fresh.id} is stale and was expired: ${moved.replace('.', '\\.')} is now`));
    expect(s.optimizer.list().find((x) => x.id === fresh.id)!.status).toBe('expired');
    // Back where both were planned: the first proposal is current again.
    const back = await s.app.inject({ method: 'PUT', url: `/api/plant/setpoints/${moved}`, headers: as('operator'), payload: { value: fresh.moves[0]!.from } });
    expect(back.statusCode, back.body).toBe(200);
  }, 120_000);

  it('applies an approved proposal as a ramp at the policy rate, through the command service as the optimizer', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/api/rl-agent/apply-recommendation', headers: as('operator'), payload: { id: proposal.id, note: 'cracks on lane 3' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data).toMatchObject({ status: 'applying', execution: { previous: { 'Line_A.furnace_temp': 1500 } } });
    const furnace = proposal.moves.find((m) => m.setpoint === 'Line_A.furnace_temp')!;
    let last = target('Line_A.furnace_temp');
    // 50 °C per hour: at most 0.83 °C per minute, until the target is reached.
    await runMinutes(Math.ceil(((furnace.from - furnace.to) / 50) * 60) + 1, () => {
      const now = target('Line_A.furnace_temp');
      expect(last - now).toBeLessThanOrEqual(50 / 60 + 1e-9);
      last = now;
    });
    expect(target('Line_A.furnace_temp')).toBe(furnace.to);
    const audit = (await s.store.listAudit({ limit: 1000 })).entries;
    expect(audit.some((e) => e.actor === 'operator-user' && e.action === 'POST /api/rl-agent/apply-recommendation')).toBe(true);
    const commands = audit.filter((e) => e.origin === 'optimizer' && e.target === 'Line_A.furnace_temp');
    expect(commands.length).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('rolls back at an operator’s request, ramping the previous targets back within their rate', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/api/rl-agent/rollback', headers: as('operator'), payload: { id: proposal.id, reason: 'lane 3 jammed, not the furnace' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data).toMatchObject({ status: 'rolled_back', execution: { rollback: { automatic: false, reason: 'lane 3 jammed, not the furnace' } } });
    let last = target('Line_A.furnace_temp');
    await runMinutes(150, () => {
      const now = target('Line_A.furnace_temp');
      expect(now - last).toBeLessThanOrEqual(50 / 60 + 1e-9);
      last = now;
    });
    expect(target('Line_A.furnace_temp')).toBe(1500);
    const back = (await s.store.listAudit({ limit: 1000 })).entries.filter((e) => e.origin === 'rollback');
    expect(back.length).toBeGreaterThan(0);
  }, 120_000);

  it('lets a trainer ask what the optimizer would do in a replayed incident, without touching the live book', async () => {
    const before = s.optimizer.list().length;
    const created = await s.app.inject({ method: 'POST', url: '/api/sessions', headers: as('trainer'), payload: { scenario: SCENARIO } });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().data.id as string;
    const seek = await s.app.inject({ method: 'POST', url: `/api/sessions/${id}/control`, headers: as('trainer'), payload: { action: 'seek', t: '9h' } });
    expect(seek.statusCode, seek.body).toBe(200);
    expect((await s.app.inject({ method: 'POST', url: '/api/rl-agent/optimize', headers: as('trainer'), payload: { asset: 'Line_A' } })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'POST', url: '/api/rl-agent/optimize', headers: as('viewer'), payload: { session: id, asset: 'Line_A' } })).statusCode).toBe(403);
    const r = await s.app.inject({ method: 'POST', url: '/api/rl-agent/optimize', headers: as('trainer'), payload: { session: id, asset: 'Line_A' } });
    expect(r.statusCode, r.body).toBe(200);
    const [rec] = r.json().data as Recommendation[];
    expect(rec!.id).toMatch(/^SIM-/);
    expect(rec!.evidence.shadow.trackingAccuracy).toBeNull();
    expect(rec!.moves.find((m) => m.setpoint === 'Line_A.furnace_temp')?.to ?? 1500).toBeLessThan(1500);
    expect(s.optimizer.list()).toHaveLength(before);
    const apply = await s.app.inject({ method: 'POST', url: '/api/rl-agent/apply-recommendation', headers: as('operator'), payload: { id: rec!.id } });
    expect(apply.statusCode).toBe(404);
    await s.app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers: as('trainer') });
  }, 120_000);

  it('keeps proposals and decisions across a restart', async () => {
    const before = s.optimizer.list();
    await s.stop();
    s = await createTwinServices(config());
    const r = await s.app.inject({ method: 'GET', url: '/api/rl-agent/recommendations', headers: as('viewer') });
    const after = r.json().data as Recommendation[];
    expect(after.map((x) => [x.id, x.status, x.decisions.length])).toEqual(before.map((x) => [x.id, x.status, x.decisions.length]));
    expect(after.find((x) => x.id === proposal.id)!.decisions.map((d) => `${d.status} ${d.actor}`)).toEqual(['proposed optimizer', 'approved operator-user', 'applying optimizer', 'rolled_back operator-user']);
  }, 120_000);
});
