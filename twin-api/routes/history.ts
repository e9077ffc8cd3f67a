import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { badRequest, parseTime } from '../errors.ts';
import type { LiveTwin } from '../live/live-twin.ts';
import type { EventStore } from '../store/event-store.ts';
import type { SampleSource, SampleStore } from '../store/sample-store.ts';
import { alignToRollups } from '../store/rollups.ts';
import { HistoryResponse } from '../../protocol/history.ts';
import { PlantEventList } from '../../protocol/plant-events.ts';
import { Text } from '../../protocol/text.ts';
import { responses } from './responses.ts';
import type { TwinEvent } from '../../engine/events.ts';
import { toPlantEvent } from '../live/events-feed.ts';

const HistoryQuery = Type.Object(
  {
    sensors: Text({ minLength: 1, maxLength: 4000, description: 'comma-separated sensor ids' }),
    from: Type.String({ format: 'date-time', description: 'ISO 8601 start (inclusive)' }),
    to: Type.String({ format: 'date-time', description: 'ISO 8601 end (exclusive)' }),
    maxPoints: Type.Optional(Type.Integer({ minimum: 10, maximum: 5000, default: 2000, description: 'downsample to at most this many buckets per series' })),
    source: Type.Optional(Type.Union([Type.Literal('twin'), Type.Literal('plant')], { default: 'twin', description: "the twin's samples, or the live plant's measurements (shadow mode over MQTT)" })),
  },
  { additionalProperties: false },
);

const EventsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    types: Type.Optional(Text({ maxLength: 500, description: 'comma-separated event types, e.g. defect,failure' })),
    assets: Type.Optional(Text({ maxLength: 4000, description: 'comma-separated asset ids' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 500 })),
  },
  { additionalProperties: false },
);

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

/** History of samples (downsampled for charts) and of events, from the store. */
export function historyRoutes(twin: LiveTwin, store: SampleStore & EventStore) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    app.get('/api/plant/history', { onRequest: viewer, schema: { tags: ['plant'], summary: 'Sensor history, downsampled to min/max/avg buckets (the range is widened to whole rollup windows)', querystring: HistoryQuery, response: responses(HistoryResponse, 'The range covered and one series per sensor, in the order asked') } }, async (req) => {
      const q = req.query as { sensors: string; from: string; to: string; maxPoints?: number; source?: SampleSource };
      const sensorIds = list(q.sensors)!;
      for (const id of sensorIds) if (!twin.engine.layout.sensorIndex.has(id)) throw badRequest(`sensors: unknown sensor "${id}"`);
      const fromMs = parseTime(q.from, 'from');
      const toMs = parseTime(q.to, 'to');
      if (!(toMs > fromMs)) throw badRequest('to: must be after from');
      const maxPoints = q.maxPoints ?? 2000;
      // Widened to whole rollup windows (10 s, or 5 min for multi-day ranges) so the buckets come
      // from pre-aggregated rows; the response says which range it covers.
      const range = alignToRollups(fromMs, toMs, maxPoints);
      const body: HistoryResponse = { from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString(), source: q.source ?? 'twin', series: await store.querySeries({ sensorIds, ...range, maxPoints, source: q.source ?? 'twin' }) };
      return ok(body);
    });
    app.get('/api/plant/events', { onRequest: viewer, schema: { tags: ['plant'], summary: 'Events and defects, newest first', querystring: EventsQuery, response: responses(PlantEventList, 'Plant events, newest first (the `events` channel shape)') } }, async (req) => {
      const q = req.query as { from?: string; to?: string; types?: string; assets?: string; limit?: number };
      const events = await store.queryEvents({
        ...(q.from ? { fromMs: parseTime(q.from, 'from') } : {}),
        ...(q.to ? { toMs: parseTime(q.to, 'to') } : {}),
        ...(q.types ? { types: list(q.types)! } : {}),
        ...(q.assets ? { assets: list(q.assets)! } : {}),
        limit: q.limit ?? 500,
      });
      // The same wire shape as the `events` channel. The history feed stores seq, type, asset and
      // time as columns and the rest of the engine's event as the payload: put the event back together.
      const startMs = twin.engine.startMs;
      return ok(events.flatMap((e) => toPlantEvent({ ...(e.payload as object), seq: e.seq, type: e.type, asset: e.asset, tS: (e.tMs - startMs) / 1000 } as TwinEvent, startMs) ?? []));
    });
  };
}
