import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PredictionList, StoredPredictionList } from '../../protocol/predictions.ts';
import { Text } from '../../protocol/text.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { parseTime } from '../errors.ts';
import type { PredictionsFeed } from '../predictions/predictions-feed.ts';
import type { PredictionStore } from '../store/model-store.ts';
import { responses } from './responses.ts';

const HistoryQuery = Type.Object(
  {
    asset: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
  },
  { additionalProperties: false },
);

/** Live predictions (RUL, failure probability, anomaly, defect risk, with explanations) and their history. */
export function predictionRoutes(feed: () => PredictionsFeed | null, store: PredictionStore | null) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    app.get('/api/predictions', { onRequest: viewer, schema: { tags: ['models'], summary: "Every asset's latest predictions and its models' status", response: responses(PredictionList, 'One item per asset') } }, async () =>
      ok(feed()?.latest() ?? []),
    );
    app.get('/api/predictions/history', { onRequest: viewer, schema: { tags: ['models'], summary: 'Stored predictions, newest first', querystring: HistoryQuery, response: responses(StoredPredictionList, 'Stored predictions, newest first') } }, async (req) => {
      const q = req.query as { asset?: string; from?: string; to?: string; limit?: number };
      if (!store) return ok([]);
      return ok(
        await store.listPredictions({
          ...(q.asset ? { asset: q.asset } : {}),
          ...(q.from ? { fromMs: parseTime(q.from, 'from') } : {}),
          ...(q.to ? { toMs: parseTime(q.to, 'to') } : {}),
          limit: q.limit ?? 200,
        }),
      );
    });
  };
}
