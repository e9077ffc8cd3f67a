/** Machine physics: profiles (JSON → validated, compiled), the machine AssetModel and reference fleets. Pure: file loading is in profile-file.ts. */
export { MACHINE_TYPES, isMachineType, type MachineSpec, type MachineType } from './machine-spec.ts';
export { builtinProfiles, loadProfile, ProfileError, type MachineProfile } from './profile.ts';
export { createMachine, INIT_AMBIENT_C } from './machine.ts';
export { referenceFleet, syntheticFleet } from './fleet.ts';
export { compileExpression, ExpressionError, type CompiledExpression, type ExpressionScope } from './expressions.ts';
export { isoVibrationLimits, ISO_10816_3_ZONES_MM_S } from './iso-10816.ts';
export type { ProfileDocument, SensorDoc, FailureModeDoc } from './profile-document.ts';
