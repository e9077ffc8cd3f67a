import { Type, type Static } from 'typebox';
import { firstSchemaError } from '../first-schema-error.ts';

/** A refused KPI configuration (a caller's mistake, mapped to 400 at the routes); `field` names the offending field. */
export class KpiConfigError extends Error {
  readonly code = 'INVALID_KPI_CONFIG';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'KpiConfigError';
  }
}

const Rate = Type.Number({ exclusiveMinimum: 0, maximum: 1e7 });

/** KPI configuration as the REST layer accepts it; every part optional. */
export const KpiConfigSchema = Type.Object(
  {
    /** Shift start hours of day, UTC, strictly increasing; each shift runs until the next start. */
    shiftStartsUtcH: Type.Optional(Type.Array(Type.Number({ minimum: 0, exclusiveMaximum: 24 }), { minItems: 1, maxItems: 24 })),
    /** Hour of day (UTC) at which the production day starts. */
    dayStartUtcH: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 24 })),
    rollingWindowMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    /** Target and ideal (nameplate) production rates for lines without their own. */
    defaultTargetUnitsPerH: Type.Optional(Rate),
    defaultIdealUnitsPerH: Type.Optional(Rate),
    lines: Type.Optional(
      Type.Record(
        Type.String({ minLength: 1 }),
        Type.Object({ targetUnitsPerH: Type.Optional(Rate), idealUnitsPerH: Type.Optional(Rate) }, { additionalProperties: false }),
      ),
    ),
    /** A line whose belt runs slower than this (m/min) is stopped. */
    stoppedBeltMpm: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type KpiConfigInput = Static<typeof KpiConfigSchema>;

export interface KpiConfig {
  readonly shiftStartsUtcH: readonly number[];
  readonly dayStartUtcH: number;
  readonly rollingWindowMin: number;
  readonly defaultTargetUnitsPerH: number;
  readonly defaultIdealUnitsPerH: number;
  readonly lines: Readonly<Record<string, { readonly targetUnitsPerH?: number; readonly idealUnitsPerH?: number }>>;
  readonly stoppedBeltMpm: number;
}

// A reference glass line makes ~900 units/h at its nominal 150 m/min belt; the ideal rate is the
// pull the forming section is rated for (~1000/h), so performance ≈ 0.9 on a healthy line.
export const DEFAULT_KPI_CONFIG: KpiConfig = {
  shiftStartsUtcH: [6, 14, 22],
  dayStartUtcH: 0,
  rollingWindowMin: 60,
  defaultTargetUnitsPerH: 900,
  defaultIdealUnitsPerH: 1000,
  lines: {},
  stoppedBeltMpm: 1,
};

/** Validates and fills defaults; throws KpiConfigError naming the field. */
export function parseKpiConfig(input: unknown): KpiConfig {
  const invalid = firstSchemaError(KpiConfigSchema, input);
  if (invalid) throw new KpiConfigError(invalid.field, invalid.message);
  const c = { ...DEFAULT_KPI_CONFIG, ...(input as KpiConfigInput) };
  c.shiftStartsUtcH.forEach((h, i) => {
    if (i > 0 && !(h > c.shiftStartsUtcH[i - 1]!)) throw new KpiConfigError(`shiftStartsUtcH[${i}]`, 'shift starts must be strictly increasing');
  });
  for (const [line, r] of Object.entries(c.lines)) {
    const target = r.targetUnitsPerH ?? c.defaultTargetUnitsPerH;
    const ideal = r.idealUnitsPerH ?? c.defaultIdealUnitsPerH;
    if (target > ideal) throw new KpiConfigError(`lines.${line}.targetUnitsPerH`, `target ${target}/h exceeds the ideal rate ${ideal}/h`);
  }
  return c;
}
