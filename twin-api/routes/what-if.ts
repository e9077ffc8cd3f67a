import type { FastifyInstance } from 'fastify';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { WhatIfRequest, WhatIfResult } from '../../protocol/what-if.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import type { LiveTwin } from '../live/live-twin.ts';
import { WhatIfError } from '../what-if/errors.ts';
import type { WhatIfService } from '../what-if/service.ts';
import { TwinApiError, type ErrorCode } from '../errors.ts';
import { responses } from './responses.ts';

/** POST /api/digital-twin/what-if: fork the live plant, run baseline and changed branches over seeds in worker threads. */
export function whatIfRoutes(twin: LiveTwin, service: WhatIfService) {
  return (app: FastifyInstance, ctx: AppContext) => {
    app.post(
      '/api/digital-twin/what-if',
      {
        onRequest: requireRole(ctx.auth, 'engineer'),
        // The body is checked once, against this same schema, by the what-if parser, which lists
        // every problem with its field (and runs in the service the CLI and benches use too).
        validatorCompiler: () => () => true,
        schema: { tags: ['digital-twin'], summary: 'What-if: setpoint changes over a horizon (≤ 24 h) and Monte-Carlo seeds; baseline vs changed, with spread', body: WhatIfRequest, response: responses(WhatIfResult, 'Baseline and changed branches over the seeds, their difference and the time to effect') } },
      async (req) => {
        // The snapshot is taken between ticks; the live run goes on untouched while workers run the branches.
        const snapshot = snapshotToBinary(twin.engine.snapshot());
        try {
          return ok(await service.run(snapshot, twin.engine.scenario, req.body));
        } catch (err) {
          if (err instanceof WhatIfError) {
            const code: ErrorCode = err.statusCode === 400 ? 'TWIN_ERR_BAD_REQUEST' : err.statusCode === 503 ? 'TWIN_ERR_UNAVAILABLE' : 'TWIN_ERR_INTERNAL';
            throw new TwinApiError(code, err.message);
          }
          throw err;
        }
      },
    );
  };
}
