/** A small plant with a failing pump, its served predictions, and the maintenance planner over it, for tests. */
import { builtinProfileResolver, createEngine } from '../../engine/plant.ts';
import { toyScenario } from '../../engine/toy-model.test-helper.ts';
import { inProcessRolloutRunner } from '../../lookahead/rollout-runner.ts';
import type { MipSolver } from '../../maintenance/mip.ts';
import type { PredictionData } from '../../protocol/index.ts';
import { buildApp, type AuditEntry } from '../app.ts';
import { createPlantCommands } from '../plant/plant-command-service.ts';
import { standInCommandPort } from '../plant/stand-in-command-port.ts';
import { maintenanceRoutes } from '../routes/maintenance.ts';
import { EnginePlantSource } from '../shadow/engine-plant-source.ts';
import { PgliteStore } from '../store/pglite-store.ts';
import { auditInto, testAuth } from '../test-app.test-helper.ts';
import { highsSolver } from './highs-solver.ts';
import { MaintenanceService, type MaintenanceServiceDeps } from './maintenance-service.ts';

// pump_001's bearing wears 400× its rate (the twin has it fail ~1.5 h in); fan_001 and motor_001 are healthy.
export const scenario = toyScenario({
  durationS: 30 * 86_400,
  machines: [
    { id: 'pump_001', profile: 'pump', initial: { load: 80 }, ageH: 0 },
    { id: 'fan_001', profile: 'fan', initial: { load: 80 }, ageH: 0 },
    { id: 'motor_001', profile: 'motor', initial: { load: 80 }, ageH: 0 },
  ],
  faults: [{ atS: 0, target: 'pump_001', type: 'bearing_wear', params: { rateMultiplier: 400 } }],
});

/** What the served models said (a test's input: the planner reads predictions, it does not make them). */
export const predictions: PredictionData[] = [
  { asset: 'pump_001', kind: 'pump', tS: 60, status: { rul: 'ready', failure: 'ready' }, rul: { kind: 'estimate', hours: 1.4, unit: 'h', capH: 20, explanation: [] }, failureProbability: { value: 0.95, explanation: [] } },
  { asset: 'fan_001', kind: 'fan', tS: 60, status: { rul: 'ready', failure: 'ready' }, rul: { kind: 'at-least', hours: 20, unit: 'h', capH: 20, explanation: [] }, failureProbability: { value: 0.02, explanation: [] } },
  { asset: 'motor_001', kind: 'motor', tS: 60, status: { rul: 'loading', failure: 'loading' } },
];

let highs: Promise<MipSolver> | null = null;

/** The planner over the plant at t = 60 s, its API app (not listening) and its store; `watchClock` false: jobs are not issued. */
export async function maintenanceFixture(over: Partial<MaintenanceServiceDeps> = {}, store?: PgliteStore, watchClock = true) {
  const engine = createEngine(scenario);
  engine.runUntil(60);
  const db = store ?? (await PgliteStore.open('memory://'));
  const audit: AuditEntry[] = [];
  const commands = createPlantCommands({ twin: engine, port: standInCommandPort(new EnginePlantSource(engine), Date.now), audit: auditInto(audit) });
  let n = 0;
  const service = new MaintenanceService({
    engine,
    commands,
    store: db,
    predictions: () => predictions,
    rulRmseH: () => 0.3,
    resolveProfile: builtinProfileResolver(),
    riskHorizonH: 24,
    solver: () => (highs ??= highsSolver()),
    runner: inProcessRolloutRunner(),
    nextId: () => `plan-${++n}`,
    now: () => 1_000,
    log: () => {},
    settings: { costs: { failure: 50_000, downtimePerH: 500, job: 2_000 }, checkSeeds: [1, 2, 3], checkStepS: 60, timeLimitS: 10, relGap: 0 },
    ...over,
  });
  await service.load();
  if (watchClock) service.start();
  const app = await buildApp({ auth: testAuth(), strictResponses: true, routes: [maintenanceRoutes(service)] });
  return { app, engine, service, audit, db };
}

