import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { constantColumns, nearZeroVarianceColumns, parseCmapss, parseRulTruth } from './cmapss-parse.ts';
import { cmapssWindows, loadCmapss } from './cmapss.ts';
import { DataError } from './data-error.ts';
import { targetColumn } from './window-ops.ts';

/** A C-MAPSS row: settings and sensors derived from (unit, cycle); s_1 and setting_3 stay flat; trailing spaces as in the NASA files. */
function row(unit: number, cycle: number): string {
  const settings = [0.001 * ((unit * 7 + cycle) % 5), 0.0002 * (cycle % 3), 100];
  const sensors = Array.from({ length: 21 }, (_, i) => (i === 0 ? 518.67 : 500 + i + unit * 0.5 + cycle * 0.1 * (i % 4)));
  return `${unit} ${cycle} ${[...settings, ...sensors].map((v) => v.toFixed(4)).join(' ')}  `;
}
const file = (lives: [unit: number, cycles: number][]) => lives.flatMap(([u, n]) => Array.from({ length: n }, (_, c) => row(u, c + 1))).join('\n') + '\n';

describe('C-MAPSS reader', () => {
  it('parses whitespace-separated rows with trailing spaces', () => {
    const t = parseCmapss(file([[1, 3], [2, 2]]), 'train.txt');
    expect(t.rows).toBe(5);
    expect(Array.from(t.unit)).toEqual([1, 1, 1, 2, 2]);
    expect(Array.from(t.cycle)).toEqual([1, 2, 3, 1, 2]);
    expect(t.values[2]).toBe(100); // setting_3 of the first row
  });

  it('finds the flat columns from the data itself', () => {
    const t = parseCmapss(file([[1, 20], [2, 25]]), 'train.txt');
    expect(nearZeroVarianceColumns(t).map((c) => t.columns[c])).toEqual(['setting_3', 's_1']);
    expect(constantColumns(t).map((c) => t.columns[c])).toEqual(['setting_3', 's_1']); // the plain std / mean rule agrees here
  });

  it('treats a column stuck on one value but for rare blips as flat, and a few evenly used values as not', () => {
    // 100 rows: s_2 is 7 except twice (ratio 49 > 19, 2 % distinct) → flat; setting_2 takes 3 values evenly → kept
    const lines = Array.from({ length: 100 }, (_, i) => row(1, i + 1).replace(/^(\S+ \S+ \S+ \S+ \S+ \S+ )\S+/, `$1${i === 10 || i === 50 ? 8 : 7}`));
    const t = parseCmapss(lines.join('\n'), 'blips.txt');
    const flat = nearZeroVarianceColumns(t).map((c) => t.columns[c]);
    expect(flat).toContain('s_2');
    expect(flat).not.toContain('setting_2');
  });

  it('names file, line and column of a wrong column count or a non-numeric value', () => {
    const short = file([[1, 3]]).replace(/\n$/, '\n1 4 0.1 0.2\n');
    expect(() => parseCmapss(short, 'bad.txt')).toThrow(/^bad\.txt:4: expected 26 columns .* found 4$/);
    const text = file([[1, 3]]).split('\n');
    text[1] = text[1]!.replace(/^(\S+ \S+ \S+ \S+ \S+ )\S+/, '$1abc');
    expect(() => parseCmapss(text.join('\n'), 'bad.txt')).toThrow(/^bad\.txt:2:6: column 6 \(s_1\): "abc" is not a number$/);
    expect(() => parseCmapss('', 'empty.txt')).toThrow(DataError);
  });

  it('rejects cycles out of order and a malformed truth file', () => {
    const swapped = [row(1, 2), row(1, 1)].join('\n');
    expect(() => parseCmapss(swapped, 'x.txt')).toThrow(/x\.txt:2:2: unit 1: cycle 1 is out of order/);
    expect(Array.from(parseRulTruth('112 \n98\n', 'RUL.txt'))).toEqual([112, 98]);
    expect(() => parseRulTruth('112\nabc\n', 'RUL.txt')).toThrow(/RUL\.txt:2:1: "abc"/);
  });

  it('labels training windows with the RUL capped piecewise-linearly', () => {
    const t = parseCmapss(file([[1, 12]]), 'train.txt');
    const ws = cmapssWindows(t, { columns: [4, 5], windowSteps: 4, rulCap: 5, mode: 'all' });
    expect(ws.n).toBe(9); // windows ending at cycles 4..12
    expect(Array.from(targetColumn(ws))).toEqual([5, 5, 5, 5, 4, 3, 2, 1, 0]);
    expect(Array.from(ws.time)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(ws.featureNames).toEqual(['s_2', 's_3']);
    // the first window holds cycles 1..4 of s_2 in order
    const s2 = (c: number) => Number(row(1, c).trim().split(/\s+/)[6]);
    expect([0, 1, 2, 3].map((s) => ws.x[s * 2])).toEqual([1, 2, 3, 4].map((c) => Math.fround(s2(c))));
  });

  it('takes the last window of each test unit, pads a short unit with its first row, and adds the truth', () => {
    const t = parseCmapss(file([[1, 6], [2, 2]]), 'test.txt');
    const ws = cmapssWindows(t, { columns: [4], windowSteps: 4, mode: 'last', truth: Float64Array.from([40, 200]) });
    expect(ws.n).toBe(2);
    expect(Array.from(targetColumn(ws))).toEqual([40, 200]); // the true RUL, not capped
    const s2 = (u: number, c: number) => Math.fround(Number(row(u, c).trim().split(/\s+/)[6]));
    expect(Array.from(ws.x.subarray(4, 8))).toEqual([s2(2, 1), s2(2, 1), s2(2, 1), s2(2, 2)]);
    expect(() => cmapssWindows(t, { columns: [3], mode: 'last', truth: Float64Array.from([1]) })).toThrow(/1 RUL values for 2 units/);
  });

  it('holds out whole units when there is no test file', () => {
    const lives: [number, number][] = Array.from({ length: 10 }, (_, i) => [i + 1, 8 + i]);
    const d = loadCmapss({ train: { text: file(lives), file: 'train.txt' }, windowSteps: 5, holdout: 0.4, seed: 3 });
    expect(d.dropped).toEqual(['setting_3', 's_1']);
    const sets = [d.split.train, d.split.validation, d.split.test].map((p) => new Set(p.group));
    expect(sets.every((s) => s.size > 0)).toBe(true);
    for (const a of sets) for (const b of sets) if (a !== b) expect([...a].filter((g) => b.has(g))).toEqual([]);
    expect(sets.reduce((n, s) => n + s.size, 0)).toBe(10);
  });

  it('needs the truth file with a test file', () => {
    expect(() => loadCmapss({ train: { text: file([[1, 9]]), file: 't.txt' }, test: { text: file([[1, 3]]), file: 'test.txt' } })).toThrow(/needs its RUL truth/);
  });

  const real = '/work/shared/datasets/cmapss/';
  it.runIf(existsSync(`${real}train_FD001.txt`))('reads FD001 and drops its flat sensors', () => {
    const read = (f: string) => ({ text: readFileSync(real + f, 'utf8'), file: f });
    const d = loadCmapss({ train: read('train_FD001.txt'), test: read('test_FD001.txt'), truth: read('RUL_FD001.txt') });
    // The usual FD001 choice: 14 sensors; s_6 is almost always 21.61, while s_8 and s_13 vary by ±0.07 around 2388 but trend.
    expect(d.dropped.filter((c) => c.startsWith('s_')).sort()).toEqual(['s_1', 's_10', 's_16', 's_18', 's_19', 's_5', 's_6']);
    expect(d.features.filter((c) => c.startsWith('s_'))).toHaveLength(14);
    expect(d.dropped).toContain('setting_3');
    expect(d.split.test.n).toBe(100);
    expect(targetColumn(d.split.test)[0]).toBe(112);
  });
});
