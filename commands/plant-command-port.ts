/**
 * The port through which a command reaches the real plant (or what stands in for it). The twin
 * is changed by the command service itself; the port only forwards and reports what the plant
 * said. Adapters: the stand-in plant (embedded default), MQTT; later OPC UA.
 */
import type { IssuedOrigin, PlantCommand } from './plant-command.ts';

/** A command as forwarded to the plant. */
export interface ForwardedCommand {
  /** Unique per command; the plant echoes it with its acknowledgement. */
  readonly id: string;
  readonly command: PlantCommand;
  /** The asset the command is for (a setpoint's owner, or the maintained asset). */
  readonly asset: string;
  /** Unit of a setpoint's value (the plant checks it against its own). */
  readonly unit: string | null;
  readonly origin: IssuedOrigin;
  readonly actor: string;
  /** Wall-clock time of issue, ms since the epoch. */
  readonly issuedAtMs: number;
}

/** What the plant answered. Only `acknowledged` means the plant took the command. */
export type PlantAck =
  | { readonly status: 'acknowledged'; readonly atMs: number; /** the plant's echoed target, for a setpoint */ readonly value: number | null }
  | { readonly status: 'rejected'; readonly atMs: number; readonly reason: string }
  | { readonly status: 'timeout'; readonly afterMs: number }
  | { readonly status: 'unavailable'; readonly reason: string };

export interface PlantCommandPort {
  /** For health and audit: "stand-in", "mqtt". */
  readonly name: string;
  /** Never throws: a failure to reach the plant is an acknowledgement of status `unavailable`. */
  forward(command: ForwardedCommand): Promise<PlantAck>;
}
