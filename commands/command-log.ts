/** The audit port of the command service: one record per executed command. */
import type { PlantAck } from './plant-command-port.ts';
import type { IssuedOrigin, PlantCommand } from './plant-command.ts';

/** Everything the audit log keeps of one command. */
export interface CommandRecord {
  readonly id: string;
  /** Wall-clock time of issue, ms since the epoch. */
  readonly atMs: number;
  /** Simulated time of the twin when the command took effect, ISO 8601. */
  readonly twinTime: string;
  readonly actor: string;
  readonly role: string;
  readonly origin: IssuedOrigin;
  readonly command: PlantCommand;
  /** Target before and after, for a setpoint (null for maintenance). */
  readonly previous: number | null;
  readonly next: number | null;
  readonly unit: string | null;
  readonly plant: { readonly port: string; readonly ack: PlantAck };
  readonly reason: string | null;
}

export interface CommandLog {
  /** Resolves once the record is stored durably; rejects when it could not be. */
  append(record: CommandRecord): Promise<void>;
}
