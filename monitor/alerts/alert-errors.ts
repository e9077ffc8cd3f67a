import { TwinApiError, type ErrorCode } from '../../twin-api/errors.ts';

/** An alert operation or setting refused; `field` names the offending input when there is one. */
export class AlertError extends TwinApiError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(code, message);
    this.name = 'AlertError';
  }
}

export const unknownAlert = (id: string) => new AlertError('TWIN_ERR_NOT_FOUND', `unknown alert "${id}"`, 'id');
export const illegalTransition = (id: string, from: string, action: string) =>
  new AlertError('TWIN_ERR_CONFLICT', `cannot ${action} alert ${id}: it is ${from}`);
export const badField = (field: string, message: string) => new AlertError('TWIN_ERR_BAD_REQUEST', `${field}: ${message}`, field);
