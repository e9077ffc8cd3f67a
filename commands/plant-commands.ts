/**
 * The one command path to the plant. Every change of the plant (an operator's setpoint, a
 * maintenance job, an optimizer proposal, its rollback) goes through `execute`: it is validated
 * once against the setpoint's own bounds and the operating policy's, applied to the twin with its real origin, forwarded to
 * the plant through the `PlantCommandPort`, and written to the audit log with the previous and new
 * target and the plant's acknowledgement. Pure apart from its ports: time and ids are injected.
 *
 * @example
 * const commands = new PlantCommands({ twin: engine, port, log, now: () => clock.nowMs(), nextId });
 * const done = await commands.execute({ kind: 'setpoint', setpoint: 'Line_A.belt_speed', value: 140 },
 *   { actor: 'ana', role: 'operator', origin: 'operator' });
 */
import { Subject, type Observable } from 'rxjs';
import type { SetpointView, TwinEngine } from '../engine/engine.ts';
import { EngineError } from '../engine/commands.ts';
import { didYouMean } from '../engine/suggest.ts';
import { setpointProblem } from '../physics/setpoint-bounds.ts';
import { CommandError } from './command-error.ts';
import type { CommandLog, CommandRecord } from './command-log.ts';
import type { PlantCommandPort } from './plant-command-port.ts';
import { ISSUED_ORIGINS, type CommandIssuer, type PlantCommand } from './plant-command.ts';

/** What the service needs of the twin: its layout, its setpoints, and applying a command. */
export type CommandableTwin = Pick<TwinEngine, 'layout' | 'setpoints' | 'apply' | 'isoAt'>;

export interface PlantCommandsOptions {
  readonly twin: CommandableTwin;
  readonly port: PlantCommandPort;
  readonly log: CommandLog;
  /** Wall-clock ms since the epoch (injected: the service reads no clock). */
  readonly now: () => number;
  /** A new unique command id per call (e.g. from the audit store's sequence). */
  readonly nextId: () => string;
  /**
   * The operating policy's bounds of a setpoint (the safety envelope in force, narrower than the
   * actuator's own range), or undefined where the policy says nothing. Every command, a person's
   * or the optimizer's, must stay inside them.
   */
  readonly policyBounds?: (setpoint: string) => PolicyBounds | undefined;
}

export interface PolicyBounds {
  readonly lo: number;
  readonly hi: number;
  readonly unit: string;
  /** e.g. "safety policy v3" */
  readonly source: string;
}

/** The outcome of one executed command: the audit record as it was stored. */
export type CommandOutcome = CommandRecord;

export class PlantCommands {
  private readonly executed = new Subject<CommandOutcome>();
  /** Every executed command, after its audit record was stored (for the WebSocket, the optimizer's monitor). */
  readonly executed$: Observable<CommandOutcome> = this.executed.asObservable();

  constructor(private readonly opts: PlantCommandsOptions) {}

  /** Every setpoint of the twin with its bounds, actuator lag and rate limit, target and actual value. */
  setpoints(): SetpointView[] {
    return this.opts.twin.setpoints();
  }

  /** The reason `command` would be refused, or undefined. Does not change anything. */
  check(command: PlantCommand): CommandError | undefined {
    const layout = this.opts.twin.layout;
    if (command.kind === 'setpoint') {
      const j = layout.setpointIndex.get(command.setpoint);
      if (j === undefined) {
        const ids = layout.setpoints.map((s) => s.id);
        return new CommandError('UNKNOWN_SETPOINT', `unknown setpoint "${command.setpoint}"${didYouMean(command.setpoint, ids)}`);
      }
      const problem = setpointProblem(layout.setpoints[j]!, command.value);
      if (problem !== undefined) return new CommandError('SETPOINT_OUT_OF_RANGE', `value: ${problem}`);
      const policy = this.opts.policyBounds?.(command.setpoint);
      if (policy && !(command.value >= policy.lo && command.value <= policy.hi)) {
        return new CommandError('OUTSIDE_SAFETY_POLICY', `value: ${command.value} ${policy.unit} is outside ${policy.lo}..${policy.hi} ${policy.unit}, the ${policy.source} envelope of ${command.setpoint}`);
      }
      return undefined;
    }
    if (!layout.assetIndex.has(command.target)) {
      const ids = [...layout.assetIndex.keys()];
      return new CommandError('UNKNOWN_ASSET', `unknown asset "${command.target}"${didYouMean(command.target, ids)}`);
    }
    return undefined;
  }

  /**
   * Validates, applies to the twin, forwards to the plant and audits. Throws CommandError (nothing
   * changed) for a command the plant cannot take; rejects with the log's error when the audit
   * record could not be stored (the twin has then changed: the caller must report a failure).
   */
  async execute(command: PlantCommand, issuer: CommandIssuer): Promise<CommandOutcome> {
    if (!ISSUED_ORIGINS.includes(issuer.origin)) throw new CommandError('BAD_ORIGIN', `origin "${String(issuer.origin)}" is not one of ${ISSUED_ORIGINS.join(', ')}`);
    const refused = this.check(command);
    if (refused) throw refused;
    const { twin, port, log, now, nextId } = this.opts;
    const before = command.kind === 'setpoint' ? this.setpointView(command.setpoint) : undefined;
    const atMs = now();
    const id = nextId();
    try {
      twin.apply(command, issuer.origin);
    } catch (err) {
      // check() mirrors the engine's own checks; this is the engine disagreeing (a bug, or a new rule).
      if (err instanceof EngineError) throw new CommandError('REFUSED_BY_TWIN', err.message);
      throw err;
    }
    const twinTime = twin.isoAt();
    const unit = before?.unit ?? null;
    const asset = command.kind === 'setpoint' ? before!.asset : command.target;
    const ack = await port.forward({ id, command, asset, unit, origin: issuer.origin, actor: issuer.actor, issuedAtMs: atMs });
    const record: CommandRecord = {
      id,
      atMs,
      twinTime,
      actor: issuer.actor,
      role: issuer.role,
      origin: issuer.origin,
      command,
      previous: before?.target ?? null,
      next: command.kind === 'setpoint' ? command.value : null,
      unit,
      plant: { port: port.name, ack },
      reason: issuer.reason ?? null,
    };
    await log.append(record);
    this.executed.next(record);
    return record;
  }

  /** Completes `executed$`. */
  close(): void {
    this.executed.complete();
  }

  private setpointView(id: string): SetpointView {
    const view = this.opts.twin.setpoints().find((s) => s.id === id);
    if (!view) throw new CommandError('UNKNOWN_SETPOINT', `unknown setpoint "${id}"`);
    return view;
  }
}
