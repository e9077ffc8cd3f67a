import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import shipped from './plant-knowledge.json' with { type: 'json' };
import published from './knowledge-file.schema.json' with { type: 'json' };
import { KnowledgeFileError, KnowledgeFileSchema, parseKnowledgeFile } from './knowledge-file.ts';

const copy = (): any => JSON.parse(JSON.stringify(shipped));
function refusal(edit: (k: any) => void): { field: string; reason: string } {
  const k = copy();
  edit(k);
  try {
    parseKnowledgeFile(k, 'plant.json');
  } catch (err) {
    if (err instanceof KnowledgeFileError) return { field: err.field, reason: err.reason };
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('the plant knowledge file', () => {
  it('ships valid, against the code and against the published JSON Schema', () => {
    expect(() => parseKnowledgeFile(shipped, 'knowledge/plant-knowledge.json')).not.toThrow();
    const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false });
    expect(ajv.validate(published, shipped)).toBe(true);
  });

  it('publishes the schema the code checks (regenerate knowledge-file.schema.json when KnowledgeFileSchema changes)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...KnowledgeFileSchema })));
  });

  it('names the path of what is wrong', () => {
    expect(refusal((k) => (k.line.causes[2].to = 'defect:scratch'))).toEqual({ field: 'line.causes[2].to', reason: expect.stringMatching(/no defect type "scratch"/) });
    expect(refusal((k) => (k.line.causes[0].from = 'furnace_tmp'))).toEqual({ field: 'line.causes[0].from', reason: expect.stringMatching(/no variable "furnace_tmp"/) });
    expect(refusal((k) => (k.line.causes[1].confidence = 1.2)).field).toBe('line.causes[1].confidence');
    expect(refusal((k) => (k.line.variables[0].colour = 'red'))).toEqual({ field: 'line.variables[0].colour', reason: 'unknown field' });
    expect(refusal((k) => (k.line.causes[0].lagS = [600, 60])).reason).toMatch(/minimum 600 s is above the maximum 60 s/);
    expect(refusal((k) => k.line.variables.push({ ...k.line.variables[0] }))).toMatchObject({ reason: 'variable "furnace_temp" is defined twice' });
    expect(refusal((k) => k.line.causes.push({ ...k.line.causes[0] })).reason).toMatch(/stated twice/);
    expect(refusal((k) => (k.line.interventions[0].actsOn = 'belt_speed')).reason).toBe('belt_speed is not a stated cause of crack');
    expect(refusal((k) => k.line.noImpact.push({ from: 'furnace_temp', to: 'defect:crack', note: 'x' })).reason).toMatch(/stated as a cause too/);
    expect(refusal((k) => delete k.version).field).toBe('(root)');
  });

  it('keeps the values of the plant table: furnace > 1600 °C → crack 0.85, cooling > 7 °C/min → crack 0.90, …', () => {
    const k = parseKnowledgeFile(shipped, 'k');
    const rule = (from: string, to: string) => k.line.causes.find((c) => c.from === from && c.to === `defect:${to}`);
    expect(rule('furnace_temp', 'crack')).toMatchObject({ sign: 1, threshold: 1600, confidence: 0.85 });
    expect(rule('furnace_temp', 'cloudiness')).toMatchObject({ sign: -1, threshold: 1450, confidence: 0.78 });
    expect(rule('belt_speed', 'deformation')).toMatchObject({ sign: 1, threshold: 180, confidence: 0.82 });
    expect(rule('mold_temp', 'stress_fracture')).toMatchObject({ sign: -1, threshold: 280, confidence: 0.75 });
    expect(rule('pressure_variation', 'bubble')).toMatchObject({ sign: 1, threshold: 15, confidence: 0.88 });
    expect(rule('cooling_rate', 'crack')).toMatchObject({ sign: 1, threshold: 7, confidence: 0.9 });
    const eq = (n: string) => k.line.equipment.find((e) => e.name === n)!.responseTimeS;
    expect([eq('burner'), eq('belt_motor'), eq('mould_heater'), eq('cooling_fan')]).toEqual([[900, 1800], [5, 10], [600, 1200], [120, 300]]);
    const iv = (n: string) => k.line.interventions.find((i) => i.name === n)!;
    expect(iv('lower_furnace_temp')).toMatchObject({ change: { delta: [-30, -20] }, expectedEffect: -0.4, implementationTimeS: [1200, 2400] });
    expect(iv('lower_forming_pressure')).toMatchObject({ change: { delta: [-10, -10] }, expectedEffect: -0.6, implementationTimeS: [60, 120] });
    expect(iv('lower_belt_speed')).toMatchObject({ change: { delta: [-0.15, -0.15], relative: true }, expectedEffect: -0.5, implementationTimeS: [10, 30] });
  });
});
