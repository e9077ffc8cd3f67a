import { AlertError, type AlertErrorCode } from '../../monitor/alerts/alert-errors.ts';
import { KpiConfigError } from '../../monitor/kpis/kpi-config.ts';
import { RecommendationError, type RecommendationErrorCode } from '../../rl/recommendation-book.ts';
import { SafetyPolicyError } from '../../rl/safety-policy.ts';
import { TwinApiError, type ErrorCode } from '../errors.ts';

// The monitor's errors say what went wrong; the HTTP status is the API's business, decided here.
const ALERT_STATUS: Record<AlertErrorCode, ErrorCode> = {
  UNKNOWN_ALERT: 'TWIN_ERR_NOT_FOUND',
  ILLEGAL_TRANSITION: 'TWIN_ERR_CONFLICT',
  ACTOR_REQUIRED: 'TWIN_ERR_BAD_REQUEST',
  JUSTIFICATION_REQUIRED: 'TWIN_ERR_BAD_REQUEST',
  INVALID_SETTINGS: 'TWIN_ERR_BAD_REQUEST',
  INVALID_TIME: 'TWIN_ERR_BAD_REQUEST',
  // Only restore and nextId can repeat an id: the server's wiring, never the caller's request.
  DUPLICATE_ID: 'TWIN_ERR_INTERNAL',
};

const RECOMMENDATION_STATUS: Record<RecommendationErrorCode, ErrorCode> = {
  NOT_FOUND: 'TWIN_ERR_NOT_FOUND',
  WRONG_STATUS: 'TWIN_ERR_CONFLICT',
  // The plant moved since the proposal was verified: the caller must plan again, not retry.
  STALE: 'TWIN_ERR_CONFLICT',
  REASON_REQUIRED: 'TWIN_ERR_BAD_REQUEST',
};

/** A domain error of the monitor or the optimizer as the coded API error the error handler answers with; anything else unchanged. */
export function httpErrorOf(err: unknown): unknown {
  if (err instanceof AlertError) return new TwinApiError(ALERT_STATUS[err.code], err.message);
  if (err instanceof KpiConfigError) return new TwinApiError('TWIN_ERR_BAD_REQUEST', err.message);
  if (err instanceof RecommendationError) return new TwinApiError(RECOMMENDATION_STATUS[err.code], err.message);
  if (err instanceof SafetyPolicyError) return new TwinApiError('TWIN_ERR_BAD_REQUEST', err.message);
  return err;
}

/** Wraps a route handler so that the monitor's domain errors reach the client with their HTTP status. */
export function mapDomainErrors<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      throw httpErrorOf(err);
    }
  };
}
