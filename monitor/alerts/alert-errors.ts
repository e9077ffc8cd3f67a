/** Why an alert operation or setting was refused; twin-api/routes/domain-errors.ts maps each to an HTTP status. */
export type AlertErrorCode =
  | 'UNKNOWN_ALERT'
  | 'ILLEGAL_TRANSITION'
  | 'ACTOR_REQUIRED'
  | 'JUSTIFICATION_REQUIRED'
  | 'INVALID_SETTINGS'
  | 'INVALID_TIME'
  | 'DUPLICATE_ID';

/** An alert operation or setting refused; `field` names the offending input when there is one. */
export class AlertError extends Error {
  constructor(
    readonly code: AlertErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'AlertError';
  }
}

export const unknownAlert = (id: string) => new AlertError('UNKNOWN_ALERT', `unknown alert "${id}"`, 'id');
export const illegalTransition = (id: string, from: string, action: string) => new AlertError('ILLEGAL_TRANSITION', `cannot ${action} alert ${id}: it is ${from}`);
export const badField = (code: AlertErrorCode, field: string, message: string) => new AlertError(code, `${field}: ${message}`, field);
