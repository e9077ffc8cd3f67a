/** The one command path to the plant: validate once, apply to the twin, forward to the plant, audit. */
export { PlantCommands, type CommandableTwin, type CommandOutcome, type PlantCommandsOptions, type PolicyBounds } from './plant-commands.ts';
export { CommandError, type CommandErrorCode } from './command-error.ts';
export type { CommandLog, CommandRecord } from './command-log.ts';
export type { ForwardedCommand, PlantAck, PlantCommandPort } from './plant-command-port.ts';
export { commandTarget, ISSUED_ORIGINS, type CommandIssuer, type IssuedOrigin, type PlantCommand } from './plant-command.ts';
