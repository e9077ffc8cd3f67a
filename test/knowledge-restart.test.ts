/**
 * The knowledge graph outlives the server, as `npm start` builds it: feedback given through the API
 * moves a confidence, is in the audit log, and is still there after a stop and a start on the same
 * store (which seeds again), embedded in PGlite on disk or in Neo4j (a stand-in server here).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { standInNeo4j } from '../twin-api/knowledge/neo4j-stand-in.test-helper.ts';
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import type { TwinServicesConfig } from '../twin-api/services/twin-services-config.ts';
import { KEYS, testAuth } from '../twin-api/test-app.test-helper.ts';

const root = await mkdtemp(join(tmpdir(), 'twin-knowledge-restart-'));
const FURNACE = 'variable:Line_A.furnace_temp';
const CRACK_EDGE = `CAUSES:${FURNACE}->defect:crack`;

function startServer(dir: string, knowledge?: TwinServicesConfig['knowledge']) {
  return createTwinServices({
    auth: testAuth(),
    scenario: 'glass-plant',
    clock: { kind: 'paced', speed: 1 },
    store: { kind: 'pglite', dataDir: join(root, dir) },
    mqtt: null,
    models: { dir: join(root, 'models'), bootstrap: false, retrainOnDrift: false },
    viewerDist: null,
    ...(knowledge ? { knowledge } : {}),
  });
}

type Twin = Awaited<ReturnType<typeof startServer>>;
const crackEdge = async (t: Twin) => {
  const r = await t.app.inject({ method: 'GET', url: `/api/knowledge-graph/edges?kind=CAUSES&node=${encodeURIComponent(FURNACE)}`, headers: { 'x-api-key': KEYS.viewer } });
  return r.json().data.find((e: { id: string }) => e.id === CRACK_EDGE) as { confidence: number; props: { alpha: number; beta: number } };
};
const confirm = (t: Twin) =>
  t.app.inject({ method: 'POST', url: '/api/knowledge-graph/feedback', headers: { 'x-api-key': KEYS.engineer }, payload: { incident_id: 'burst-7', symptom: 'defect:crack', cause: FURNACE, verdict: 'confirmed', path: [CRACK_EDGE] } });

describe('the knowledge graph across a restart', () => {
  afterAll(() => rm(root, { recursive: true, force: true }));

  for (const [name, dir, knowledge] of [
    ['embedded (PGlite on disk)', 'embedded', undefined],
    ['in Neo4j', 'neo4j', (() => {
      const server = standInNeo4j();
      return { neo4j: { uri: 'neo4j://kg.test:7687', user: 'neo4j', password: 'not-a-secret' }, driverOf: server.connect };
    })()],
  ] as const) {
    it(`${name}: feedback is audited and its confidence survives a restart and a second seeding`, async () => {
      const first = await startServer(dir, knowledge);
      expect(first.knowledge.kind).toBe(knowledge ? 'neo4j' : 'embedded');
      const before = await crackEdge(first);
      const r = await confirm(first);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().data.updated.find((e: { id: string }) => e.id === CRACK_EDGE).props.alpha).toBe(before.props.alpha + 1);
      await first.stop();

      const second = await startServer(dir, knowledge);
      try {
        const after = await crackEdge(second);
        expect(after.props).toMatchObject({ alpha: before.props.alpha + 1, beta: before.props.beta });
        expect(after.confidence).toBeGreaterThan(before.confidence);
        const audit = await second.store.listAudit({ limit: 100 });
        expect(audit.entries.find((e) => e.action === 'POST /api/knowledge-graph/feedback')).toMatchObject({ actor: 'engineer-user', role: 'engineer' });
      } finally {
        await second.stop();
      }
    }, 60_000);
  }
});
