/**
 * The causal knowledge graph's API: the graph to draw, root causes with evidence and interventions,
 * interventions with concrete targets, feedback on causes (operators and engineers), engineers'
 * edits of edges, candidate edges from data for review, and exports. Writes are audited by the
 * app's write hook (who, role, body), as the optimizer's decisions are.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { exportGraph, EXPORT_FORMATS, type ExportFormat } from '../../knowledge/graph-export.ts';
import { betaOf, edgeId, type EdgeKind, type GraphEdge } from '../../knowledge/graph-model.ts';
import { GraphStoreError, type GraphStoreErrorCode } from '../../knowledge/graph-store.ts';
import { defectId } from '../../knowledge/seed-graph.ts';
import { ErrorEnvelope } from '../../protocol/envelope.ts';
import {
  AcceptCandidateBody, CandidateEdges, EdgeConfidenceBody, EdgeRemoved, FeedbackAnswer, FeedbackBody, InterventionAnswer, KG_EDGE_KINDS, KgEdge, KgEdgeKind, KgSubgraph, RootCauseAnswer,
} from '../../protocol/knowledge.ts';
import { List } from '../../protocol/schema-kit.ts';
import { Text } from '../../protocol/text.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { badRequest, notFound, TwinApiError, type ErrorCode } from '../errors.ts';
import type { KnowledgeQueries } from '../knowledge/knowledge-queries.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import { edgeOnWire } from '../knowledge/rca-answer.ts';
import { responses } from './responses.ts';

const STORE_STATUS: Record<GraphStoreErrorCode, ErrorCode> = { NOT_FOUND: 'TWIN_ERR_NOT_FOUND', INVALID: 'TWIN_ERR_BAD_REQUEST', UNAVAILABLE: 'TWIN_ERR_UNAVAILABLE' };
/** The graph store's refusals with their HTTP status. */
function graphErrors<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (err instanceof GraphStoreError) throw new TwinApiError(STORE_STATUS[err.code], err.message);
      throw err;
    }
  };
}

const q = <T extends Record<string, TSchema>>(o: T) => Type.Object(o, { additionalProperties: false });
const Name = Text({ maxLength: 300, minLength: 1 });
const SubgraphQuery = q({ defect_type: Type.Optional(Name), node: Type.Optional(Name), max_depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 6, default: 2 })) });
const RootCauseQuery = q({
  defect_type: Type.Optional(Name),
  line: Type.Optional(Name),
  timestamp: Type.Optional(Type.String({ format: 'date-time' })),
  min_confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  alert_id: Type.Optional(Name),
});
const InterventionQuery = q({ defect_type: Name, line: Name, current_parameters: Type.Optional(Text({ maxLength: 4000 })) });
const EdgesQuery = q({ kind: Type.Optional(KgEdgeKind), node: Type.Optional(Name) });
const CandidatesQuery = q({ line: Name, from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) });
const ExportQuery = q({ format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)))) });
const EdgeParams = Type.Object({ id: Text({ maxLength: 500, minLength: 1 }) });

const MEDIA: Record<ExportFormat, string> = { json: 'application/json', graphml: 'application/graphml+xml', cypher: 'application/x-cypher-query' };
const exportResponses = {
  200: {
    description: 'The whole graph: json (the snapshot seeding reads back), graphml (graph tools) or cypher (a script for Neo4j)',
    content: {
      [MEDIA.json]: { schema: KgSubgraph },
      [MEDIA.graphml]: { schema: Type.String() },
      [MEDIA.cypher]: { schema: Type.String() },
    },
  },
  '4xx': { ...ErrorEnvelope, description: 'The request is wrong (the message names the field) or not allowed' },
  '5xx': { ...ErrorEnvelope, description: 'The graph store is unavailable' },
};

export interface KnowledgeRouteDeps {
  readonly knowledge: KnowledgeService;
  readonly queries: KnowledgeQueries;
  /** ISO time of a decision (the twin's present). */
  readonly now: () => string;
}

export function knowledgeRoutes(d: KnowledgeRouteDeps) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    const decider = requireRole(ctx.auth, ['operator', 'engineer']);
    const engineer = requireRole(ctx.auth, 'engineer');
    const tags = ['knowledge graph'];
    const actor = (req: { principal?: { actor: string } }) => req.principal!.actor;
    const base = '/api/knowledge-graph';

    app.get(
      `${base}/subgraph`,
      { onRequest: viewer, schema: { tags, summary: 'The nodes within max_depth edges of a defect type (or of any node) and the edges among them, for drawing', querystring: SubgraphQuery, response: responses(KgSubgraph, 'Nodes and edges') } },
      graphErrors(async (req) => {
        const { defect_type, node, max_depth } = req.query as { defect_type?: string; node?: string; max_depth?: number };
        if ((defect_type === undefined) === (node === undefined)) throw badRequest('defect_type: give defect_type or node (one of them)');
        const root = defect_type !== undefined ? defectId(d.queries.checkDefect(defect_type)) : node!;
        if (!d.knowledge.graph().node(root)) throw notFound(`node: no node "${root}"`);
        const s = await d.knowledge.store.subgraph({ roots: [root], maxDepth: max_depth ?? 2 });
        return ok({ nodes: s.nodes, edges: s.edges.map(edgeOnWire) });
      }),
    );

    app.get(
      `${base}/root-cause`,
      {
        onRequest: viewer,
        schema: {
          tags,
          summary: 'Root cause of a defect on a line at a time (defect_type, line, timestamp), or of an alert (alert_id): the top 3 causes above min_confidence with evidence and interventions; a machine alert gets the failure modes’ likelihoods',
          querystring: RootCauseQuery,
          response: responses(RootCauseAnswer, 'Causes, most probable first, with the diagnosis'),
        },
      },
      graphErrors(async (req) => ok(await d.queries.rootCause(req.query as Parameters<KnowledgeQueries['rootCause']>[0]))),
    );

    app.get(
      `${base}/intervention`,
      { onRequest: viewer, schema: { tags, summary: 'The interventions that mitigate a defect on a line, with concrete target values from current_parameters (JSON of setpoint values) or the current setpoints', querystring: InterventionQuery, response: responses(InterventionAnswer, 'Interventions with targets and a what-if request each') } },
      async (req) => {
        const x = req.query as { defect_type: string; line: string; current_parameters?: string };
        return ok(d.queries.interventions(x.defect_type, x.line, x.current_parameters));
      },
    );

    app.post(
      `${base}/feedback`,
      { onRequest: decider, schema: { tags, summary: 'Confirm or reject a cause of an incident (operators, engineers): the path’s confidences move', body: FeedbackBody, response: responses(FeedbackAnswer, 'The edges whose confidence moved, with their new confidences') } },
      graphErrors(async (req) => {
        const b = req.body as FeedbackBody;
        const r = await d.knowledge.recordOutcome({
          incidentId: b.incident_id,
          incidentLabel: b.label ?? b.incident_id,
          symptom: b.symptom,
          cause: b.cause,
          verdict: b.verdict,
          path: b.path,
          by: actor(req),
          at: d.now(),
          deviations: b.deviations ?? [],
        });
        return ok({ incident_id: b.incident_id, verdict: b.verdict, updated: r.updated.map(edgeOnWire) });
      }),
    );

    app.get(
      `${base}/edges`,
      { onRequest: viewer, schema: { tags, summary: `Edges, of a kind (${KG_EDGE_KINDS.join(', ')}) and/or into and out of a node`, querystring: EdgesQuery, response: responses(List(KgEdge), 'Edges sorted by id') } },
      async (req) => {
        const { kind, node } = req.query as { kind?: EdgeKind; node?: string };
        const g = d.knowledge.graph();
        if (node !== undefined && !g.node(node)) throw notFound(`node: no node "${node}"`);
        const all = node !== undefined ? [...g.edgesTo(node), ...g.edgesFrom(node)] : g.snapshot.edges;
        const edges = [...new Map(all.filter((e) => kind === undefined || e.kind === kind).map((e) => [e.id, e])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        return ok(edges.map(edgeOnWire));
      },
    );

    app.put(
      `${base}/edges/:id`,
      { onRequest: engineer, schema: { tags, summary: 'Set a CAUSES edge’s Beta counts (engineers): confidence = alpha / (alpha + beta)', params: EdgeParams, body: EdgeConfidenceBody, response: responses(KgEdge, 'The edge with its new confidence') } },
      graphErrors(async (req) => {
        const { alpha, beta } = req.body as { alpha: number; beta: number };
        return ok(edgeOnWire(await d.knowledge.updateConfidence((req.params as { id: string }).id, alpha, beta)));
      }),
    );

    app.delete(
      `${base}/edges/:id`,
      { onRequest: engineer, schema: { tags, summary: 'Remove an edge (engineers); a seeded edge stays removed after a restart', params: EdgeParams, response: responses(EdgeRemoved, 'The edge was removed') } },
      graphErrors(async (req) => {
        const id = (req.params as { id: string }).id;
        if (!(await d.knowledge.removeEdge(id, actor(req)))) throw notFound(`id: no edge "${id}"`);
        return ok({ id, removed: true });
      }),
    );

    app.get(
      `${base}/candidate-edges`,
      { onRequest: engineer, schema: { tags, summary: 'Variable → Variable edges the line’s history suggests and the graph lacks (lagged cross-correlation with precedence), for review (engineers); nothing is added', querystring: CandidatesQuery, response: responses(CandidateEdges, 'Candidates, strongest first') } },
      async (req) => {
        const x = req.query as { line: string; from?: string; to?: string };
        return ok(await d.queries.candidates(x.line, x.from, x.to));
      },
    );

    app.post(
      `${base}/candidate-edges/accept`,
      { onRequest: engineer, schema: { tags, summary: 'Add a reviewed candidate as a CAUSES edge (engineers; source "engineer")', body: AcceptCandidateBody, response: responses(KgEdge, 'The edge added') } },
      graphErrors(async (req) => {
        const b = req.body as AcceptCandidateBody;
        if (b.lagMinS > b.lagMaxS) throw badRequest(`lagMinS: ${b.lagMinS} is above lagMaxS ${b.lagMaxS}`);
        const id = edgeId('CAUSES', b.from, b.to);
        if (d.knowledge.graph().edgesFrom(b.from, 'CAUSES').some((e) => e.to === b.to)) throw new TwinApiError('TWIN_ERR_CONFLICT', `from: the graph already has ${id}; edit it with PUT ${base}/edges/:id`);
        const edge: GraphEdge = {
          id,
          kind: 'CAUSES',
          from: b.from,
          to: b.to,
          props: { mechanism: b.mechanism, sign: b.sign, lagMinS: b.lagMinS, lagMaxS: b.lagMaxS, ...betaOf(b.confidence ?? 0.5), source: 'engineer', threshold: null, acceptedBy: actor(req), acceptedAt: d.now() },
        };
        await d.knowledge.addEdges([edge], actor(req));
        return ok(edgeOnWire((await d.knowledge.store.edge(id)) ?? edge));
      }),
    );

    app.get(
      `${base}/export`,
      { onRequest: engineer, schema: { tags, summary: 'The whole graph as json, graphml or cypher (engineers)', querystring: ExportQuery, response: exportResponses } },
      graphErrors(async (req, reply) => {
        const format = (req.query as { format?: ExportFormat }).format ?? 'json';
        const x = exportGraph(await d.knowledge.store.snapshot(), format);
        reply.header('content-disposition', `attachment; filename="knowledge-graph.${x.extension === 'cypher' ? 'cypher' : x.extension}"`);
        return reply.type(x.mediaType).send(x.text);
      }),
    );
  };
}
