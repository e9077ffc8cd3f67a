/**
 * The OpenAPI document is a valid OpenAPI 3.1 document (checked by a standard validator) and
 * describes every route fastify serves under /api/: its success response's schema, and for a write
 * its request body. A client generator can then be pointed at /openapi.json.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../twin-api/app.ts';
import { responses } from '../twin-api/routes/responses.ts';
import { testAuth } from '../twin-api/test-app.test-helper.ts';
import { fullApiServer } from './api-app.test-helper.ts';

interface Operation {
  readonly requestBody?: { content?: Record<string, { schema?: unknown }> };
  readonly responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
type OpenApiDoc = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** Every route fastify serves, as "METHOD /path" (HEAD left out: fastify adds one per GET), from its route tree. */
function servedRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) out.push(`${method} ${path}`);
  }
  return out;
}

/** What the document leaves out of the routes under /api/: a 2xx response without a schema, a write without a body. */
function undocumented(doc: OpenApiDoc, routes: readonly string[]): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    const [method, path] = route.split(' ') as [string, string];
    if (!path.startsWith('/api/')) continue;
    const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    if (!op) {
      problems.push(`${route}: not in the document`);
      continue;
    }
    const ok = Object.entries(op.responses ?? {}).filter(([code, r]) => /^2/.test(code) && r.content?.['application/json']?.schema);
    if (ok.length === 0) problems.push(`${route}: no 2xx response schema`);
    if (ok.some(([, r]) => !r.description || r.description === 'Default Response')) problems.push(`${route}: a 2xx response without a description`);
    if (['POST', 'PUT', 'PATCH'].includes(method) && !op.requestBody?.content?.['application/json']?.schema) problems.push(`${route}: no request body schema`);
  }
  return problems;
}

const documentOf = async (app: FastifyInstance) => (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDoc;

describe('the OpenAPI document of the whole API', async () => {
  const s = await fullApiServer();
  afterAll(() => s.close());
  const doc = await documentOf(s.app);
  const routes = servedRoutes(s.app);

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // The validator dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('documents every /api/ route fastify serves: its success response, and the body of every write', () => {
    expect(routes.filter((r) => r.includes(' /api/')).length).toBeGreaterThan(30);
    expect(undocumented(doc, routes)).toEqual([]);
  });

  it('leaves out only the routes that are not JSON: docs, the document itself, metrics and the WebSocket', () => {
    const outside = [...new Set(routes.filter((r) => !r.includes(' /api/')).map((r) => r.split(' ')[1]!.split('/')[1]))];
    expect(outside.sort()).toEqual(['docs', 'metrics', 'openapi.json', 'ws']);
  });

  it('shows the what-if request and the error envelope of a failure', () => {
    const whatIf = doc.paths['/api/digital-twin/what-if']!['post']!;
    expect(Object.keys((whatIf.requestBody!.content!['application/json']!.schema as { properties: object }).properties)).toEqual(['changes', 'horizon', 'seeds', 'stepS', 'scope']);
    expect(Object.keys(whatIf.responses!)).toEqual(['200', '4XX', '5XX']);
  });
});

describe('the knowledge graph in the OpenAPI document', async () => {
  const s = await fullApiServer();
  afterAll(() => s.close());
  const doc = await documentOf(s.app);

  it('documents every knowledge-graph route, the export in its three media types', () => {
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/knowledge-graph/')).sort();
    expect(paths).toEqual(['/api/knowledge-graph/candidate-edges', '/api/knowledge-graph/candidate-edges/accept', '/api/knowledge-graph/edges', '/api/knowledge-graph/edges/{id}', '/api/knowledge-graph/export', '/api/knowledge-graph/feedback', '/api/knowledge-graph/intervention', '/api/knowledge-graph/root-cause', '/api/knowledge-graph/subgraph']);
    expect(Object.keys(doc.paths['/api/knowledge-graph/edges/{id}']!).sort()).toEqual(['delete', 'put']);
    expect(Object.keys(doc.paths['/api/knowledge-graph/export']!['get']!.responses!['200']!.content!).sort()).toEqual(['application/graphml+xml', 'application/json', 'application/x-cypher-query']);
    const rca = doc.paths['/api/knowledge-graph/root-cause']!['get']!.responses!['200']!.content!['application/json']!.schema as { properties: { data: { properties: object } } };
    expect(Object.keys(rca.properties.data.properties)).toEqual(['symptom', 'timestamp', 'window', 'min_confidence', 'causes', 'failure_modes', 'diagnosis']);
  });
});

describe('the document check itself', () => {
  it('names a route without a response schema and a write without a body', async () => {
    const app = await buildApp({
      auth: testAuth(),
      routes: [
        (a) => void a.get('/api/bare', async () => ({ data: 1, error: null })),
        (a) => void a.post('/api/no-body', { schema: { response: responses(Type.Number(), 'a number') } }, async () => ({ data: 1, error: null })),
      ],
    });
    expect(undocumented(await documentOf(app), servedRoutes(app))).toEqual(['GET /api/bare: no 2xx response schema', 'POST /api/no-body: no request body schema']);
  });
});
