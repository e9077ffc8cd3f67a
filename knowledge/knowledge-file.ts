/**
 * The plant's initial causal knowledge as a versioned, human-editable JSON file
 * (knowledge/plant-knowledge.json), checked against a published JSON Schema
 * (knowledge/knowledge-file.schema.json, generated from `KnowledgeFileSchema` and kept equal by a
 * test). A broken file is refused with the path of the first problem, as scenario files are.
 *
 * Everything in the `line` section is written once for a glass line: variables, sensors and
 * setpoints are named relative to the line (`furnace.zone3_temp`), and seeding instantiates them
 * for each line of the plant. Machine failure modes are not in this file: their edges are derived
 * from the machine profiles (knowledge/profile-edges.ts).
 */
import { Type, type Static } from 'typebox';
import { firstSchemaError } from '../monitor/first-schema-error.ts';
import { DEFECT_TYPES } from '../physics/model.ts';

const Name = Type.String({ pattern: '^[a-z][a-z0-9_]*$', description: 'snake_case name' });
const Sign = Type.Union([Type.Literal(1), Type.Literal(-1), Type.Literal(0)], { description: '+1 more cause → more effect, −1 less → more, 0 any departure' });
const Confidence = Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 });
const Seconds = Type.Number({ minimum: 0, maximum: 7 * 86_400 });
const Range = Type.Array(Seconds, { minItems: 2, maxItems: 2, description: '[min, max] seconds' });
const Defect = Type.Union(DEFECT_TYPES.map((d) => Type.Literal(d)));

const VariableDoc = Type.Object(
  {
    name: Name,
    label: Type.String({ minLength: 1 }),
    unit: Type.String(),
    /** The line's sensors that read it (`group.name`, `*` for any characters: `furnace.zone*_temp`), with the sign of the reading against the variable. */
    sensors: Type.Array(Type.Object({ sensor: Type.String({ pattern: '^[a-z]+\\.[a-z0-9_*]+$' }), sign: Type.Union([Type.Literal(1), Type.Literal(-1)]) }, { additionalProperties: false }), { minItems: 1 }),
    /** The line setpoint that sets it, when one does. */
    setpoint: Type.Optional(Name),
  },
  { additionalProperties: false },
);

const CauseDoc = Type.Object(
  {
    from: Name,
    /** A variable of the line, or `defect:<type>`. */
    to: Type.String({ pattern: '^(defect:)?[a-z][a-z0-9_]*$' }),
    sign: Sign,
    mechanism: Type.String({ minLength: 1 }),
    confidence: Confidence,
    lagS: Range,
    /** The cause's value past which it acts (furnace > 1600 °C), if the table gives one. */
    threshold: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

const NoImpactDoc = Type.Object({ from: Name, to: Type.String({ pattern: '^defect:[a-z_]+$' }), note: Type.String({ minLength: 1 }) }, { additionalProperties: false });

const EquipmentDoc = Type.Object({ name: Name, label: Type.String({ minLength: 1 }), controls: Name, responseTimeS: Range }, { additionalProperties: false });

const InterventionDoc = Type.Object(
  {
    name: Name,
    label: Type.String({ minLength: 1 }),
    mitigates: Defect,
    /** The variable it acts on: the intervention is offered when that variable is the root cause. */
    actsOn: Name,
    /** When the table says to use it, in words ("crack share > 70 %"). */
    when: Type.String({ minLength: 1 }),
    /** A setpoint change, absolute ([min, max] in the setpoint's unit) or relative (a fraction: −0.15 is −15 %). */
    change: Type.Optional(
      Type.Object(
        { setpoint: Name, delta: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), relative: Type.Boolean() },
        { additionalProperties: false },
      ),
    ),
    /** Expected change of the defect's rate, a fraction (−0.4: 40 % fewer). */
    expectedEffect: Type.Number({ minimum: -1, maximum: 1 }),
    implementationTimeS: Range,
  },
  { additionalProperties: false },
);

export const KnowledgeFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    version: Type.Integer({ minimum: 1 }),
    line: Type.Object(
      {
        variables: Type.Array(VariableDoc, { minItems: 1 }),
        causes: Type.Array(CauseDoc),
        noImpact: Type.Array(NoImpactDoc),
        equipment: Type.Array(EquipmentDoc),
        interventions: Type.Array(InterventionDoc),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: 'https://twinworks.dev/schemas/knowledge-file.json', title: 'Twinworks plant knowledge' },
);
export type KnowledgeFile = Static<typeof KnowledgeFileSchema>;
export type VariableDoc = Static<typeof VariableDoc>;
export type CauseDoc = Static<typeof CauseDoc>;
export type InterventionDoc = Static<typeof InterventionDoc>;

/** A knowledge file that cannot be used, with the path of the first problem (`line.causes[3].to`). */
export class KnowledgeFileError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${source}: ${field}: ${reason}`);
    this.name = 'KnowledgeFileError';
  }
}

/** Checks the schema, then what a schema cannot say: names resolve, no duplicate, lags ordered. */
export function parseKnowledgeFile(json: unknown, source: string): KnowledgeFile {
  const bad = firstSchemaError(KnowledgeFileSchema, json);
  if (bad) throw new KnowledgeFileError(source, bad.field, bad.message);
  const k = json as KnowledgeFile;
  const fail = (field: string, reason: string): never => {
    throw new KnowledgeFileError(source, field, reason);
  };
  const vars = new Set<string>();
  k.line.variables.forEach((v, i) => {
    if (vars.has(v.name)) fail(`line.variables[${i}].name`, `variable "${v.name}" is defined twice`);
    vars.add(v.name);
  });
  const known = (name: string, field: string) => {
    if (!vars.has(name)) fail(field, `no variable "${name}" (variables: ${[...vars].join(', ')})`);
  };
  const ordered = (r: readonly number[], field: string) => {
    if (r[0]! > r[1]!) fail(field, `the minimum ${r[0]} s is above the maximum ${r[1]} s`);
  };
  const seen = new Set<string>();
  k.line.causes.forEach((c, i) => {
    known(c.from, `line.causes[${i}].from`);
    if (!c.to.startsWith('defect:')) known(c.to, `line.causes[${i}].to`);
    else if (!(DEFECT_TYPES as readonly string[]).includes(c.to.slice(7))) fail(`line.causes[${i}].to`, `no defect type "${c.to.slice(7)}" (types: ${DEFECT_TYPES.join(', ')})`);
    if (c.from === c.to) fail(`line.causes[${i}].to`, 'a variable cannot cause itself');
    if (seen.has(`${c.from}->${c.to}`)) fail(`line.causes[${i}]`, `${c.from} → ${c.to} is stated twice`);
    seen.add(`${c.from}->${c.to}`);
    ordered(c.lagS, `line.causes[${i}].lagS`);
  });
  k.line.noImpact.forEach((n, i) => {
    known(n.from, `line.noImpact[${i}].from`);
    if (seen.has(`${n.from}->${n.to}`)) fail(`line.noImpact[${i}]`, `${n.from} → ${n.to} is stated as a cause too`);
  });
  k.line.equipment.forEach((e, i) => {
    known(e.controls, `line.equipment[${i}].controls`);
    ordered(e.responseTimeS, `line.equipment[${i}].responseTimeS`);
  });
  k.line.interventions.forEach((iv, i) => {
    known(iv.actsOn, `line.interventions[${i}].actsOn`);
    ordered(iv.implementationTimeS, `line.interventions[${i}].implementationTimeS`);
    if (!seen.has(`${iv.actsOn}->defect:${iv.mitigates}`)) fail(`line.interventions[${i}]`, `${iv.actsOn} is not a stated cause of ${iv.mitigates}`);
  });
  return k;
}
