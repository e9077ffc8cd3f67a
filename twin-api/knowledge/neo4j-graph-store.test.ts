/**
 * The GraphStore contract on a real Neo4j server, when there is one:
 *   NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… npx vitest run twin-api/knowledge/neo4j-graph-store.test.ts
 * It deletes every node labelled KgNode (the store's own) before and after: point it at a scratch
 * server or a database of its own (NEO4J_DATABASE). Without NEO4J_URI it is skipped, and says so;
 * neo4j-cypher.test.ts runs the same contract on a stand-in meanwhile.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeGraphStoreContract } from '../../knowledge/graph-store-contract.test-helper.ts';
import { neo4jConfigFrom, type Neo4jConfig } from './neo4j-config.ts';
import { connect, Neo4jGraphStore } from './neo4j-graph-store.ts';

const configured = Boolean(process.env.NEO4J_URI);
if (!configured) console.warn('[neo4j] SKIPPED: NEO4J_URI is not set');

describe.skipIf(!configured)('Neo4jGraphStore on a Neo4j server', () => {
  const config = (configured ? neo4jConfigFrom(process.env, (path) => readFileSync(path, 'utf8')) : null) as Neo4jConfig;
  const wipe = async (): Promise<void> => {
    const driver = connect(config);
    try {
      await driver.executeQuery('MATCH (n:KgNode) DETACH DELETE n', {}, { database: config.database });
    } finally {
      await driver.close();
    }
  };
  beforeAll(wipe, 60_000);
  afterAll(wipe, 60_000);

  describeGraphStoreContract('Neo4j', async () => {
    const store = await Neo4jGraphStore.open(config);
    return { store, close: () => store.close() };
  });
});
