import { EngineError } from '../../engine/commands.ts';

/** Coded errors of the what-if service, each with the HTTP status a route should answer with. */
export const WHAT_IF_ERRORS = {
  /** The request names an unknown setpoint, a value out of bounds, a bad horizon... */
  TWIN_ERR_WHAT_IF_BAD_REQUEST: 400,
  /** The snapshot is damaged or belongs to another plant than the scenario. */
  TWIN_ERR_WHAT_IF_BAD_SNAPSHOT: 400,
  /** A worker died or threw while simulating (a bug or out of memory, not the caller's fault). */
  TWIN_ERR_WHAT_IF_WORKER_FAILED: 500,
  /** The service was closed. */
  TWIN_ERR_WHAT_IF_CLOSED: 503,
} as const;

export type WhatIfErrorCode = keyof typeof WHAT_IF_ERRORS;

export class WhatIfError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: WhatIfErrorCode,
    message: string,
    /** For a bad request: every problem found, each naming its field (`changes[1].value: ...`). */
    readonly issues: readonly string[] = [message],
  ) {
    super(message);
    this.name = 'WhatIfError';
    this.statusCode = WHAT_IF_ERRORS[code];
  }
}

/** What the look-ahead threw, as the service reports it: a foreign or damaged snapshot, or a failure of ours. */
export function toWhatIfError(err: unknown): WhatIfError {
  if (err instanceof WhatIfError) return err;
  if (err instanceof EngineError && err.code === 'BAD_SNAPSHOT') return new WhatIfError('TWIN_ERR_WHAT_IF_BAD_SNAPSHOT', `snapshot: ${err.message}`);
  return new WhatIfError('TWIN_ERR_WHAT_IF_WORKER_FAILED', err instanceof Error ? err.message : String(err));
}
