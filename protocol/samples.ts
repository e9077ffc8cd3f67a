import { Type, type Static } from 'typebox';
import { Timestamp } from './envelope.ts';

export const SampleStatus = Type.Union([Type.Literal('OK'), Type.Literal('WARNING'), Type.Literal('ERROR'), Type.Literal('CRITICAL')]);
export type SampleStatus = Static<typeof SampleStatus>;

/** The external record of one sample (engine/records.ts writes the same shape). */
export const SampleRecord = Type.Object({
  timestamp: Timestamp,
  sensor_id: Type.String({ minLength: 1, maxLength: 200 }),
  parameter_name: Type.String({ minLength: 1, maxLength: 100 }),
  value: Type.Union([Type.Number(), Type.Null()]),
  unit: Type.String({ maxLength: 40 }),
  status: SampleStatus,
  production_line: Type.Optional(Type.String({ maxLength: 100 })),
  machine_id: Type.Optional(Type.String({ maxLength: 100 })),
});
export type SampleRecord = Static<typeof SampleRecord>;
