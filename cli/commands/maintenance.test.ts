import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenanceFixture } from '../../twin-api/maintenance/maintenance-fixture.test-helper.ts';
import { KEYS } from '../../twin-api/test-app.test-helper.ts';
import { main } from '../main.ts';
import { captureConsole } from './console-capture.test-helper.ts';

const lines = captureConsole();

describe('twin maintenance, against a running twin', () => {
  let s: Awaited<ReturnType<typeof maintenanceFixture>>;
  let url = '';
  let keyFile = '';
  beforeAll(async () => {
    s = await maintenanceFixture();
    url = await s.app.listen({ host: '127.0.0.1', port: 0 });
    keyFile = join(mkdtempSync(join(tmpdir(), 'twin-maint-')), 'key');
    writeFileSync(keyFile, `${KEYS.engineer}\n`);
  });
  afterAll(async () => {
    await s.app.close();
    await s.db.close();
  });

  it('plans with the given crews and horizon and prints the jobs per team, the costs and the twin check', async () => {
    expect(await main(['maintenance', 'plan', '--teams', '2', '--horizon', '1d', '--url', url, '--api-key-file', keyFile])).toBe(0);
    const text = lines.out.join('\n');
    expect(text).toMatch(/^maintenance plan plan-1 from 2026-01-01T00:01:00.000Z, 1 days, 2 teams — HiGHS optimal/);
    // One job, so one of the two equal crews has none (which one is the solver's tie).
    expect(text).toMatch(/ {2}Team [12]:\n {4}2026-01-01 00:01 – 06:01 {2}pump_001 +impeller_wear +6 h {2}risk \d+ % → 0 %/);
    expect(text).toMatch(/ {2}Team [12]: no jobs/);
    expect(text).toMatch(/expected cost: \d+ against \d+ running to failure \(greedy: \d+, 1 jobs\)/);
    expect(text).toMatch(/on the twin \(3 seeds, 24 h, 60 s step, 95 % intervals\): failures doing nothing 1\.0 \[1\.0, 1\.0\], with the plan 0\.0 \[0\.0, 0\.0\] \(avoided 100\.0 %/);
    expect(text).toContain('left out: motor_001 (no failure risk and RUL prediction yet (model loading))');
  });

  it('prints the plan as JSON with --json, shows the latest, and applies it', async () => {
    expect(await main(['maintenance', 'plan', '--units', 'pump_001', '--horizon', '1d', '--json', '--url', url, '--api-key-file', keyFile])).toBe(0);
    const plan = JSON.parse(lines.out[0]!);
    expect(plan.jobs.map((j: { unit: string }) => j.unit)).toEqual(['pump_001']);
    lines.out.length = 0;
    expect(await main(['maintenance', 'show', '--json', '--url', url, '--api-key-file', keyFile])).toBe(0);
    expect(JSON.parse(lines.out[0]!).id).toBe(plan.id);
    lines.out.length = 0;
    expect(await main(['maintenance', 'apply', plan.id, '--note', 'weekend crew', '--url', url, '--api-key-file', keyFile])).toBe(0);
    expect(lines.out.join('\n')).toMatch(/pump_001 .*\[pending\]/);
    expect(s.service.get(plan.id).applied!.note).toBe('weekend crew');
  });

  it('names a bad flag, a refused request and an unreachable twin', async () => {
    expect(await main(['maintenance', 'plan', '--teams', 'two', '--url', url])).toBe(2);
    expect(lines.err.at(-1)).toBe('twin: maintenance: --teams: "two" must be a number in 1..200');
    expect(await main(['maintenance', 'plan', '--horizon', 'a week', '--url', url])).toBe(2);
    expect(lines.err.at(-1)).toMatch(/--horizon: "a week" is not a duration/);
    expect(await main(['maintenance', 'plan', '--units', 'pump_042', '--url', url, '--api-key-file', keyFile])).toBe(2);
    expect(lines.err.at(-1)).toBe('twin: maintenance: unit_list: "pump_042" is not a machine of this plant (TWIN_ERR_BAD_REQUEST)');
    expect(await main(['maintenance', 'plan', '--url', url])).toBe(1);
    expect(lines.err.at(-1)).toMatch(/^twin: maintenance: .*(TWIN_ERR_UNAUTHORIZED)/);
    expect(await main(['maintenance', 'plan', '--url', 'http://127.0.0.1:9'])).toBe(1);
    expect(lines.err.at(-1)).toMatch(/^twin: maintenance: cannot reach the twin at http:\/\/127\.0\.0\.1:9 \(.*\); start it with npm start or give --url$/);
    expect(await main(['maintenance', 'schedule'])).toBe(2);
    expect(lines.err.at(-1)).toBe('twin: maintenance: unknown subcommand "schedule" (use plan, show or apply)');
  });
});
