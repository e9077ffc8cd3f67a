/**
 * A scenario after loading and validation, as the engine runs it. The types are the engine's input
 * and live in engine/scenario.ts; they are re-exported here so scenario code keeps one import.
 */
export {
  MACHINE_TYPES,
  type Disturbances,
  type FaultEvent,
  type GlassKind,
  type GroundTruthNote,
  type LineSpec,
  type MachineSpec,
  type MachineType,
  type OperatorAction,
  type Scenario,
} from '../engine/scenario.ts';
