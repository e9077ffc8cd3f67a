import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const TWIN = resolve(import.meta.dirname, '../cli/bin/twin.js');
const dir = mkdtempSync(join(tmpdir(), 'twin-cli-'));

async function twin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [TWIN, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('twin CLI', () => {
  it('writes byte-identical output for the same scenario, seed and duration', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const r1 = await twin('simulate', '--scenario', 'glass-plant', '--seed', '7', '--duration', '20m', '--out', a);
    const r2 = await twin('simulate', '--scenario', 'glass-plant', '--seed', '7', '--duration', '20m', '--out', b);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(readFileSync(a).length).toBeGreaterThan(1000);
    expect(sha(a)).toBe(sha(b));
    const lines = readFileSync(a, 'utf8').split('\n');
    expect(lines[0]).toBe('timestamp,sensor_id,parameter_name,value,unit,status,production_line,machine_id');
    expect(lines[1]).toMatch(/^2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,[\w.]+,\w+,-?[\d.e+-]*,[^,]*,(OK|WARNING|ERROR|CRITICAL),/);
    expect(r1.stdout).toMatch(/simulated 20m00s · [\d,]+ samples · .* · wall [\d.]+s/);
  }, 120_000);

  it('writes NDJSON and Parquet too', async () => {
    const nd = join(dir, 'run.ndjson');
    const pq = join(dir, 'run.parquet');
    expect((await twin('simulate', '--scenario', 'glass-plant', '--duration', '5m', '--out', nd)).code).toBe(0);
    const first = JSON.parse(readFileSync(nd, 'utf8').split('\n')[0]!);
    expect(Object.keys(first)).toEqual(['timestamp', 'sensor_id', 'parameter_name', 'value', 'unit', 'status', expect.stringMatching(/production_line|machine_id/)]);
    expect((await twin('simulate', '--scenario', 'glass-plant', '--duration', '5m', '--out', pq)).code).toBe(0);
    const bytes = readFileSync(pq);
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    expect(bytes.subarray(-4).toString()).toBe('PAR1');
  }, 120_000);

  it('records a run and replays it bit for bit', async () => {
    const rec = join(dir, 'run.twinrec.json');
    expect((await twin('simulate', '--scenario', 'glass-plant', '--duration', '30m', '--record', rec)).code).toBe(0);
    const r = await twin('replay', rec);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bit-identical to the recording/);
    const w = await twin('replay', rec, '--from', '10m', '--to', '20m');
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/simulated 10m00s/);
  }, 120_000);

  it('lists and validates scenarios', async () => {
    const list = await twin('scenarios', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^glass-plant\s/m);
    expect(list.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(8);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nduration: 1h\nplant: reference\nfaults:\n  - at: 2h\n    target: Line_A\n    type: burner_drift\n    params: { ratePerH: 5, maxC: 50 }\n');
    const v = await twin('scenarios', 'validate', bad);
    expect(v.code).not.toBe(0);
    expect(v.stderr).toMatch(/faults\[0\]\.at/);
    expect(v.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it('exports the shipped knowledge graph for the plant, and the graph a twin kept in its data directory', async () => {
    const cypher = await twin('knowledge', 'export', '--format', 'cypher');
    expect(cypher.code, cypher.stderr).toBe(0);
    expect(cypher.stdout).toMatch(/^\/\/ Twinworks knowledge graph/);
    expect(cypher.stdout).toContain('variable:Line_A.furnace_temp');
    // A data directory whose graph learnt something: its export carries the learnt counts.
    const dataDir = join(dir, 'kg-data');
    const { PgliteStore } = await import('../twin-api/store/pglite-store.ts');
    const { SqlGraphStore } = await import('../twin-api/knowledge/sql-graph-store.ts');
    const { defaultSeed, knowledgePlant } = await import('../knowledge/default-knowledge.ts');
    const { createEngine } = await import('../engine/plant.ts');
    const { loadLibraryScenario } = await import('../scenarios/library.ts');
    const scenario = loadLibraryScenario('glass-plant');
    const store = await PgliteStore.open(dataDir);
    const graph = await SqlGraphStore.open(store.db);
    const seed = defaultSeed(knowledgePlant(scenario, createEngine(scenario).layout.sensors));
    await graph.upsertNodes(seed.nodes);
    await graph.upsertEdges(seed.edges);
    await graph.updateConfidence('CAUSES:variable:Line_A.furnace_temp->defect:crack', 42, 1);
    await graph.close();
    await store.close();
    const out = join(dir, 'kg.json');
    const r = await twin('knowledge', 'export', '--format', 'json', '--data-dir', dataDir, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const edge = JSON.parse(readFileSync(out, 'utf8')).edges.find((e: { id: string }) => e.id === 'CAUSES:variable:Line_A.furnace_temp->defect:crack');
    expect(edge.props).toMatchObject({ alpha: 42, beta: 1 });
  }, 120_000);

  it('answers bad input with one clear line and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['simulate', '--scenario', 'glass-plant', '--bogus'], /Unknown option '--bogus'/],
      [['simulate', '--scenario', 'glass-plant', '--duration', 'soon'], /--duration: "soon" is not a duration/],
      [['simulate', '--scenario', 'no/such/file.yaml'], /no\/such\/file\.yaml/],
      [['simulate', '--scenario', 'glass-plant', '--out', join(dir, 'x.xlsx')], /unsupported file type/],
      [['replay', join(dir, 'missing.json')], /not found/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['knowledge', 'export'], /--format is required/],
      [['knowledge', 'export', '--format', 'xml'], /--format: "xml" is not one of json, graphml, cypher/],
      [['knowledge', 'export', '--format', 'json', '--data-dir', join(dir, 'nowhere')], /--data-dir: ".*nowhere" does not exist/],
    ];
    for (const [args, message] of cases) {
      const r = await twin(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  }, 120_000);

  it('refuses bad branch and what-if flags with one line naming the flag, exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['branch', 'glass-plant', '--set', 'Line_A.furnace_temp=1420'], /branch: --at <time> is required/],
      [['branch', 'glass-plant', '--at', '1h'], /branch: --set asset\.setpoint=value\[@offset\] is required/],
      [['branch', 'glass-plant', '--at', '1h', '--set', 'furnace=hot'], /--set: "furnace=hot" is not asset\.setpoint=value/],
      [['branch', 'glass-plant', '--at', '1h', '--set', 'Line_A.furnace_temp=1420@soon'], /--set: offset "soon" .* is not a time/],
      [['branch', 'glass-plant', '--at', '1h', '--set', 'Line_A.furnace_temp=9999'], /--set: Line_A\.furnace_temp=9999 is outside 1350–1650 °C/],
      [['branch', 'glass-plant', '--at', '1h', '--set', 'Line_A.nope=1'], /--set: unknown setpoint "Line_A\.nope"/],
      [['branch', 'glass-plant', '--at', '1h', '--set', 'Line_A.furnace_temp=1420', '--duration', '-2h'], /branch: --duration: "-2h" cannot be negative/],
      [['what-if', '--scenario', 'glass-plant', '--set', 'Line_A.furnace_temp=1420'], /what-if: --horizon is required/],
      [['what-if', '--scenario', 'glass-plant', '--set', 'Line_A.furnace_temp=1420', '--horizon', '48h'], /--horizon: "48h" is longer than 24h/],
      [['what-if', '--scenario', 'glass-plant', '--set', 'Line_A.furnace_temp=1420', '--horizon', '1h', '--seeds', '0'], /--seeds: "0" is not an integer between 1 and 64/],
    ];
    // Each is refused before any simulation runs, so they can run side by side.
    const results = await Promise.all(cases.map(([args]) => twin(...args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(cases[i]![1]);
    });
  }, 120_000);

  it('branches a scenario with an edited setpoint and prints both runs\' defects per type, readable and as JSON', async () => {
    const args = ['branch', 'furnace-overheat-crack-storm', '--at', '6h', '--set', 'Line_A.furnace_temp=1420@1m', '--duration', '30m'];
    const text = await twin(...args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^branch at 6h00m00s for 30m00s: Line_A\.furnace_temp=1420 at 6h01m00s$/m);
    expect(text.stdout).toMatch(/^defect type\s+baseline\s+branch\s+Δ$/m);
    expect(text.stdout).toMatch(/^all defects\s+\d+ \([\d.]+‰\)\s+\d+ \([\d.]+‰\)\s+[+-]?\d+$/m);
    const json = JSON.parse((await twin(...args, '--json')).stdout);
    expect(json).toMatchObject({ atS: 21_600, durationS: 1800, changes: [{ setpoint: 'Line_A.furnace_temp', value: 1420, offsetS: 60 }] });
    for (const run of [json.baseline, json.branch]) {
      expect(run.units).toBeGreaterThan(0);
      expect(Object.values(run.defectsByType as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(run.defects);
    }
    // Same state and random streams up to the change: the runs differ only by it, and the same call prints the same numbers.
    expect(JSON.parse((await twin(...args, '--json')).stdout)).toEqual(json);
  }, 120_000);

  it('runs a what-if on a scenario and prints baseline vs changed per defect type', async () => {
    const r = await twin('what-if', '--scenario', 'glass-plant', '--set', 'Line_A.furnace_temp=1420', '--horizon', '1h', '--seeds', '2', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.plan).toMatchObject({ horizonS: 3600, seeds: [1, 2], steps: [{ atS: 0, setpoint: 'Line_A.furnace_temp', value: 1420 }] });
    expect(Object.keys(out.summary.baseline.defectsPer1000ByType)).toContain('cloudiness');
    const text = await twin('what-if', '--scenario', 'glass-plant', '--set', 'Line_A.furnace_temp=1420', '--horizon', '1h', '--seeds', '2');
    expect(text.stdout).toMatch(/^what-if at 0s over 1h00m00s, 2 seeds, assets Line_A: Line_A\.furnace_temp=1420$/m);
    expect(text.stdout).toMatch(/^defects per 1,000 units\s+[\d.]+ \(/m);
  }, 120_000);
});
