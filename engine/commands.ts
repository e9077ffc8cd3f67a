import type { CommandOrigin } from './events.ts';

/** Inputs that change a running plant. Every external input is one of these, so a run can be recorded and replayed. */
export type EngineCommand =
  | { readonly kind: 'setpoint'; readonly setpoint: string; readonly value: number }
  | { readonly kind: 'fault'; readonly target: string; readonly type: string; readonly params: Readonly<Record<string, number>> }
  | { readonly kind: 'maintenance'; readonly target: string };

/** A command as applied, with the tick before which it took effect. */
export interface AppliedCommand {
  readonly tick: number;
  readonly command: EngineCommand;
  readonly origin: CommandOrigin;
}

/** Raised for a command the plant cannot accept; the message names what is wrong. */
export class EngineError extends Error {
  constructor(
    readonly code: 'UNKNOWN_SETPOINT' | 'SETPOINT_OUT_OF_RANGE' | 'UNKNOWN_TARGET' | 'BAD_FAULT' | 'BAD_SNAPSHOT' | 'BAD_TIME',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
