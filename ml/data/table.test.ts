import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { seededRng } from './rng.ts';
import { loadTable, tableWindows } from './table.ts';
import { fitTableEncoding, parseLabels } from './table-encoding.ts';
import { targetColumn } from './window-ops.ts';

const SMALL = `id,type,temp_c,"note, free",failed
m1,pump,40.5,"said ""ok""",no
m2,fan,,x,YES
m3,pump,60,"two
lines",false
m4,motor,55,y,1
`;

describe('CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, keeping each row’s line', () => {
    const csv = parseCsv(SMALL, 'fleet.csv');
    expect(csv.header).toEqual(['id', 'type', 'temp_c', 'note, free', 'failed']);
    expect(csv.rows[0]![3]).toBe('said "ok"');
    expect(csv.rows[2]![3]).toBe('two\nlines');
    expect(csv.lines).toEqual([2, 3, 4, 6]);
  });

  it('names the line of a row with the wrong column count, and an unclosed quote', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'f.csv')).toThrow(/^f\.csv:3: expected 2 columns as in the header, found 1$/);
    expect(() => parseCsv('a,b\n1,"2\n', 'f.csv')).toThrow(/^f\.csv:2: a quoted field .* never closed/);
    expect(() => parseCsv('', 'f.csv')).toThrow(/no header/);
  });
});

describe('table encoding', () => {
  const csv = parseCsv(SMALL, 'fleet.csv');
  const roles = { label: 'failed', id: ['id'], drop: ['note, free'] };

  it('accepts 0/1, true/false and yes/no labels in any case', () => {
    expect(Array.from(parseLabels(csv, 'failed'))).toEqual([0, 1, 0, 1]);
  });

  it('rejects a non-binary label naming the row and the value, and a missing label column', () => {
    const bad = parseCsv('a,y\n1,0\n2,maybe\n', 'b.csv');
    expect(() => parseLabels(bad, 'y')).toThrow(/^b\.csv:3: row 2: label "maybe" in column "y" is not binary/);
    expect(() => parseLabels(bad, 'failed')).toThrow(/b\.csv:1: no label column "failed" \(columns: a, y\)/);
    expect(() => fitTableEncoding(csv, { label: 'failed', id: ['serial'] }, [0])).toThrow(/no id column "serial"/);
  });

  it('one-hot encodes categories fitted on train only; an unseen category is all zeros; a gap gets the train mean', () => {
    const enc = fitTableEncoding(csv, roles, [0, 1, 2]); // motor (row 4) is not in train
    expect(enc.featureNames).toEqual(['temp_c', 'type=fan', 'type=pump']);
    expect(enc.numeric[0]!.fill).toBeCloseTo((40.5 + 60) / 2, 12);
    const ws = tableWindows(csv, enc);
    expect(Array.from(ws.x)).toEqual([40.5, 0, 1, 50.25, 1, 0, 60, 0, 1, 55, 0, 0]);
    expect(Array.from(targetColumn(ws))).toEqual([0, 1, 0, 1]);
    expect(ws.steps).toBe(1);
  });

  it('names row and column of a non-number in a numeric column of new data', () => {
    const enc = fitTableEncoding(csv, roles, [0, 1, 2, 3]);
    const next = parseCsv('id,type,temp_c,"note, free",failed\nm9,fan,hot,,0\n', 'new.csv');
    expect(() => tableWindows(next, enc)).toThrow(/^new\.csv:2:3: row 1: "hot" in numeric column "temp_c" is not a number$/);
  });
});

describe('table dataset', () => {
  const rows = Array.from({ length: 120 }, (_, i) => `u${i % 12},${i},${i % 3 === 0 ? 'a' : 'b'},${(i * 37) % 100},${i % 4 === 0 ? 1 : 0}`);
  const text = `unit,t,kind,load,label\n${rows.join('\n')}\n`;

  it('stratifies on the label by default', () => {
    const d = loadTable(text, 'd.csv', { label: 'label', drop: ['unit', 't'] }, { validation: 0.25, test: 0.25 }, seededRng(2));
    for (const p of [d.split.train, d.split.validation, d.split.test]) expect(targetColumn(p).reduce((a, v) => a + v, 0) / p.n).toBeCloseTo(0.25, 1);
    expect(d.encoding.featureNames).toEqual(['load', 'kind=a', 'kind=b']);
  });

  it('splits by time with --time and by group with --group, never sharing a time range or a group', () => {
    const byTime = loadTable(text, 'd.csv', { label: 'label', drop: ['unit'], time: 't' }, { validation: 0.2, test: 0.2 });
    expect(Math.max(...byTime.split.train.time)).toBeLessThan(Math.min(...byTime.split.validation.time));
    expect(Math.max(...byTime.split.validation.time)).toBeLessThan(Math.min(...byTime.split.test.time));
    const byGroup = loadTable(text, 'd.csv', { label: 'label', drop: ['t'], group: 'unit' }, { validation: 0.25, test: 0.25 }, seededRng(1));
    const g = [byGroup.split.train, byGroup.split.validation, byGroup.split.test].map((p) => new Set(p.group));
    expect([...g[0]!].some((x) => g[1]!.has(x) || g[2]!.has(x))).toBe(false);
    expect([...g[1]!].some((x) => g[2]!.has(x))).toBe(false);
  });
});
