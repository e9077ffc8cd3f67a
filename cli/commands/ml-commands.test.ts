import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { captureConsole } from './console-capture.test-helper.ts';

const dir = mkdtempSync(join(tmpdir(), 'twin-ml-cli-'));

/** A C-MAPSS-like file: sensor 2 rises and sensor 3 falls as the unit nears failure; s_1 and setting_3 stay flat. */
function cmapss(lives: number[], cutEarly = 0): string {
  const rows: string[] = [];
  lives.forEach((life, u) => {
    for (let c = 1; c <= life - cutEarly; c++) {
      const wear = c / life;
      const s = Array.from({ length: 21 }, (_, i) => (i === 0 ? 518.67 : 500 + i + (i % 2 ? 30 : -30) * wear * wear + 0.3 * Math.sin(c * (i + 1) + u)));
      rows.push(`${u + 1} ${c} ${(0.001 * Math.sin(c + u)).toFixed(4)} 0.0003 100.0 ${s.map((v) => v.toFixed(3)).join(' ')} `);
    }
  });
  return rows.join('\n') + '\n';
}

/** A failure table: failures follow high vibration, more often on pumps. */
function table(n: number): string {
  const lines = ['machine,kind,vibration_mm_s,temp_c,note,failed'];
  for (let i = 0; i < n; i++) {
    const vib = 2 + ((i * 37) % 100) / 10;
    const kind = ['pump', 'fan', 'motor'][i % 3]!;
    const failed = vib + (kind === 'pump' ? 2 : 0) > 10 ? 'yes' : 'no';
    lines.push(`m${i},${kind},${vib.toFixed(1)},${40 + (i % 7)},"free, text",${failed}`);
  }
  return lines.join('\n') + '\n';
}

const { out, err } = captureConsole();

const lastJson = () => JSON.parse(out[out.length - 1]!) as Record<string, number | null>;

describe('twin train / evaluate / predict', () => {
  const train = join(dir, 'train.txt');
  const test = join(dir, 'test.txt');
  const truth = join(dir, 'RUL.txt');
  writeFileSync(train, cmapss([60, 70, 80, 65, 75, 90, 85, 70]));
  writeFileSync(test, cmapss([60, 80, 70], 20));
  writeFileSync(truth, '20\n20\n20\n');

  it('trains RUL on C-MAPSS files and saves model, preprocess, metrics and learning curves', async () => {
    const model = join(dir, 'rul-model');
    const code = await main(['train', 'rul', '--format', 'cmapss', '--data', train, '--test', test, '--truth', truth, '--window', '10', '--epochs', '3', '--out', model, '--json']);
    expect(err.join('\n')).not.toMatch(/twin:/);
    expect(code).toBe(0);
    const m = lastJson();
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['rmse', 'score']));
    expect(m['rmse']).toBeGreaterThan(0);
    for (const f of ['preprocess.json', 'metrics.json', 'learning-curves.html']) expect(existsSync(join(model, f))).toBe(true);
    const pre = JSON.parse(readFileSync(join(model, 'preprocess.json'), 'utf8'));
    expect(pre.data.dropped).toEqual(expect.arrayContaining(['setting_3', 's_1']));
    // The RUL cap is saved with the model, so its answers near the cap read "at least the cap".
    const saved = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
    expect(saved.userDefinedMetadata.targetCap.value).toBe(pre.data.rulCap);
    expect(readFileSync(join(model, 'learning-curves.html'), 'utf8')).toMatch(/<svg[\s\S]*<polyline/);

    expect(await main(['evaluate', model, '--data', test, '--truth', truth, '--json'])).toBe(0);
    expect(lastJson()['rmse']).toBeCloseTo(m['rmse']!, 3); // the same test engines, read and scaled the same way

    const scores = join(dir, 'scores.csv');
    expect(await main(['predict', model, '--data', test, '--out', scores])).toBe(0);
    const lines = readFileSync(scores, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('unit,cycle,rul');
    expect(lines).toHaveLength(4);
  }, 60_000);

  it('trains a failure classifier on a CSV table and reports the classification metrics', async () => {
    const csv = join(dir, 'fleet.csv');
    writeFileSync(csv, table(300));
    const code = await main(['train', 'failure', '--format', 'table', '--data', csv, '--label', 'failed', '--id', 'machine', '--drop', 'note', '--epochs', '5', '--out', join(dir, 'fail-model'), '--json']);
    expect(err.join('\n')).not.toMatch(/twin:/);
    expect(code).toBe(0);
    expect(Object.keys(lastJson())).toEqual(expect.arrayContaining(['accuracy', 'precision', 'recall', 'f1', 'roc_auc']));
    const pre = JSON.parse(readFileSync(join(dir, 'fail-model', 'preprocess.json'), 'utf8'));
    expect(pre.data.encoding.featureNames).toEqual(['vibration_mm_s', 'temp_c', 'kind=fan', 'kind=motor', 'kind=pump']);
    expect(pre.thresholds).toHaveLength(1);
    // A table trains both kinds and keeps the better on validation, saying which and on what.
    const said = out.join('\n').match(/^model chosen on validation PR-AUC: (net|trees) — trees PR-AUC [\d.]+ \(best F1 [\d.]+\) · net PR-AUC [\d.]+/m);
    expect(said).not.toBeNull();
    const saved = JSON.parse(readFileSync(join(dir, 'fail-model', 'metrics.json'), 'utf8'));
    expect(saved.modelChoice.winner).toBe(said![1]);
    expect(saved.hyperparameters.model).toBe(said![1]);
    expect(await main(['predict', join(dir, 'fail-model'), '--data', csv])).toBe(0);
    expect(out.join('\n')).toMatch(/^machine,failed,failed_predicted$/m);
  }, 60_000);
});

describe('twin train: bad input', () => {
  it.each([
    [['train'], /train: which task\?/],
    [['train', 'speed', '--from-sim', 'glass-plant', '--hours', '1'], /unknown task "speed"/],
    [['train', 'rul'], /no data: give --from-sim/],
    [['train', 'rul', '--from-sim', 'glass-plant'], /--hours: required/],
    [['train', 'rul', '--from-sim', 'glass-plant', '--hours', 'ten'], /--hours: "ten" is not a number/],
    [['train', 'rul', '--format', 'parquet', '--data', 'x'], /--format: "parquet" is not cmapss or table/],
    [['train', 'failure', '--format', 'table', '--data', 'x.csv'], /--label: required/],
    [['train', 'rul', '--model', 'trees', '--from-sim', 'glass-plant', '--hours', '1'], /--model: trees is for the classification tasks/],
    [['train', 'rul', '--format', 'cmapss', '--data', '/nonexistent/train.txt'], /--data: cannot read \/nonexistent\/train\.txt \(no such file\)/],
    [['train', 'rul', '--epochs', '0', '--from-sim', 'glass-plant', '--hours', '1'], /--epochs: "0" is not an integer between 1/],
    [['train', 'rul', '--bogus'], /train: Unknown option '--bogus'/],
  ])('%j exits 2 naming the flag', async (argv, message) => {
    expect(await main(argv)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('names file, line and column of a malformed C-MAPSS file, with exit code 2', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, cmapss([40]).replace(/\n(\S+ \S+) \S+/, '\n$1 x'));
    expect(await main(['train', 'rul', '--format', 'cmapss', '--data', bad])).toBe(2);
    expect(err.join('\n')).toMatch(/bad\.txt:2:3: column 3 \(setting_1\): "x" is not a number/);
  });

  it('rejects a table whose label is not binary, naming the row and the value', async () => {
    const csv = join(dir, 'nonbinary.csv');
    writeFileSync(csv, 'a,y\n1,0\n2,1\n3,maybe\n');
    expect(await main(['train', 'failure', '--format', 'table', '--data', csv, '--label', 'y'])).toBe(2);
    expect(err.join('\n')).toMatch(/nonbinary\.csv:4: row 3: label "maybe"/);
  });
});

describe('twin train from the simulator, the registry and twin tune', () => {
  const registry = join(dir, 'models');

  it('registers each run in the model registry: the first as champion, the next as challenger', async () => {
    const args = ['train', 'failure', '--from-sim', 'glass-plant', '--hours', '60', '--runs', '2', '--kind', 'cnc', '--horizon', '6', '--epochs', '2', '--registry', registry, '--json'];
    expect(await main(args)).toBe(0);
    expect(out.join('\n')).toMatch(/registry failure v1, champion/);
    expect(Object.keys(lastJson())).toEqual(expect.arrayContaining(['accuracy', 'precision', 'recall', 'f1', 'roc_auc']));
    expect(await main(args)).toBe(0);
    const index = JSON.parse(readFileSync(join(registry, 'failure', 'registry.json'), 'utf8'));
    expect(index).toMatchObject({ champion: 'v1', challenger: 'v2' });
    expect(index.versions[1].datasetFingerprint).toBe(index.versions[0].datasetFingerprint); // same seed, same data
    expect(await main(['evaluate', join(registry, 'failure', 'v1'), '--from-sim', 'glass-plant', '--hours', '30', '--json'])).toBe(0);
    expect(lastJson()).toHaveProperty('roc_auc');
  }, 60_000);

  it.each([['defects'], ['anomaly'], ['forecast']])('trains %s from the simulator', async (task) => {
    const horizon = task === 'defects' ? ['--horizon', '1'] : [];
    const code = await main(['train', task, '--from-sim', 'glass-plant', '--hours', '30', '--runs', '1', ...horizon, '--epochs', '2', '--out', join(dir, `sim-${task}`), '--json']);
    expect(err.join('\n')).not.toMatch(/twin:/);
    expect(code).toBe(0);
    expect(Object.keys(lastJson())).toEqual(expect.arrayContaining(task === 'forecast' ? ['rmse'] : ['f1', 'roc_auc']));
  }, 60_000);

  it('says when the simulated time is too short for the label horizon', async () => {
    expect(await main(['train', 'defects', '--from-sim', 'glass-plant', '--hours', '30', '--runs', '1'])).toBe(2);
    expect(err.join('\n')).toMatch(/--hours: 30 h per run leaves no validation windows after the time split's 24 h gaps/);
  });

  it('tunes within a trial budget and reports the best configuration', async () => {
    const train = join(dir, 'tune-train.txt');
    writeFileSync(train, cmapss([50, 60, 55, 70, 65, 58]));
    const code = await main(['tune', 'rul', '--trials', '2', '--epochs', '1', '--format', 'cmapss', '--data', train, '--window', '8', '--json']);
    expect(code).toBe(0);
    const r = lastJson() as unknown as { trials: number; best: { learningRate: number; hidden: number } };
    expect(r.trials).toBe(2);
    expect(r.best.learningRate).toBeGreaterThanOrEqual(1e-4);
    expect([16, 32, 64, 128]).toContain(r.best.hidden);
    expect(await main(['tune', 'rul', '--trials', '500', '--minutes', '0.01', '--epochs', '1', '--format', 'cmapss', '--data', train, '--window', '8'])).toBe(0);
    expect(out.join('\n')).toMatch(/tuned rul: \d+ trials in [\d.]+ s \(time budget of 0.01 min reached\)/);
    expect(await main(['tune', 'rul', '--format', 'cmapss', '--data', train])).toBe(2);
    expect(err.join('\n')).toMatch(/--trials: required/);
  }, 60_000);
});
