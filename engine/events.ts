import type { DefectCause, DefectType, StatusName } from '../physics/model.ts';

/**
 * Events on the public stream: what an operator, a historian or a predictor may see.
 * Hidden truths (a defect's cause, a random degradation onset, true RUL) are on the truth stream.
 */
interface EventBase {
  /** Monotonic sequence number within one run (forks continue their parent's numbering). */
  readonly seq: number;
  readonly tick: number;
  /** Simulated seconds since the scenario start. */
  readonly tS: number;
  readonly asset: string;
}

export type TwinEvent =
  | (EventBase & { readonly type: 'unit_produced'; readonly unitId: number })
  | (EventBase & {
      readonly type: 'defect';
      readonly unitId: number;
      readonly defect: DefectType;
      readonly x: number;
      readonly y: number;
      readonly severity: number;
    })
  | (EventBase & { readonly type: 'alert'; readonly sensor: string; readonly status: StatusName; readonly value: number })
  | (EventBase & { readonly type: 'alert_cleared'; readonly sensor: string; readonly value: number })
  | (EventBase & {
      readonly type: 'fault_onset';
      readonly fault: string;
      readonly detail: Readonly<Record<string, number | string>>;
    })
  | (EventBase & { readonly type: 'failure'; readonly mode: string })
  | (EventBase & { readonly type: 'maintenance'; readonly kind: string })
  | (EventBase & {
      readonly type: 'setpoint_changed';
      readonly setpoint: string;
      readonly value: number;
      readonly origin: CommandOrigin;
    });

export type TwinEventType = TwinEvent['type'];

/**
 * Who issued a command. `scenario`: the scenario's own script (replayed from the scenario, never
 * recorded). Every other origin is an input from outside the run and is recorded: an operator or a
 * process engineer through the API, the optimizer, an automatic rollback of an optimizer change.
 * `external` is an outside input of unknown origin (recordings made before origins were kept).
 */
export type CommandOrigin = 'scenario' | 'operator' | 'engineer' | 'optimizer' | 'rollback' | 'external';

export const COMMAND_ORIGINS: readonly CommandOrigin[] = ['scenario', 'operator', 'engineer', 'optimizer', 'rollback', 'external'];

/** True for inputs from outside the run: a recording keeps them, a replay applies them again. */
export function isOutsideInput(origin: CommandOrigin): boolean {
  return origin !== 'scenario';
}

/** The cause of one defect, known only to the simulator. */
export interface DefectTruth {
  readonly seq: number;
  readonly asset: string;
  readonly unitId: number;
  readonly defect: DefectType;
  readonly causes: readonly DefectCause[];
}

/** A degradation that started on its own (not injected): predictors must find it themselves. */
export interface HiddenOnset {
  readonly asset: string;
  readonly fault: string;
  readonly detail: Readonly<Record<string, number | string>>;
}
