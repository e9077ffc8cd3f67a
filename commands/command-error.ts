/** A command the plant cannot take. Plain domain error: the routes map its code to an HTTP status. */
export type CommandErrorCode = 'UNKNOWN_SETPOINT' | 'UNKNOWN_ASSET' | 'SETPOINT_OUT_OF_RANGE' | 'OUTSIDE_SAFETY_POLICY' | 'BAD_ORIGIN' | 'REFUSED_BY_TWIN';

export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
