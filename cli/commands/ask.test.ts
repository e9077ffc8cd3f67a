import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Copilot } from '../../copilot/copilot.ts';
import type { CopilotTools } from '../../copilot/tools.ts';
import { buildApp } from '../../twin-api/app.ts';
import { copilotRoutes } from '../../twin-api/routes/copilot.ts';
import { KEYS, testAuth } from '../../twin-api/test-app.test-helper.ts';
import { main } from '../main.ts';
import { captureConsole } from './console-capture.test-helper.ts';

const lines = captureConsole();

// The copilot's tools as a test double: the CLI is under test here, not the services.
const tools: CopilotTools = {
  async run(call) {
    if (call.tool === 'predict_rul') return { ok: true, data: { asset: call.args['asset'], kind: 'pump', status: 'ready', rul: { kind: 'estimate', hours: 12.34, capH: 200 }, rmseH: 3.1, model: { version: 'v1', metrics: {} } } };
    return { ok: false, error: 'not in this test' };
  },
};

describe('twin ask, against a running twin', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url = '';
  beforeAll(async () => {
    const copilot = new Copilot({ tools, vocabulary: () => ({ machines: new Map([['pump_003', 'pump']]), lines: [], setpoints: [], sensors: [], defectTypes: [] }) });
    app = await buildApp({ auth: testAuth(), routes: [copilotRoutes(copilot)] });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('prints the answer, then the tools it called and whether every number came from them', async () => {
    process.env['TWIN_API_KEY'] = KEYS.viewer;
    expect(await main(['ask', 'what is the RUL?', '--asset', 'pump_003', '--url', url])).toBe(0);
    const text = lines.out.join('\n');
    expect(text).toContain('The RUL model estimates 12.3 h of remaining useful life for pump_003. Confidence: ± 3.1 h');
    expect(text).toContain('(planner; intent predict_rul; every number from a tool)');
    expect(text).toContain('  tool predict_rul({"asset":"pump_003"}) ok');
  });

  it('says what is wrong: no question, no twin, no credentials', async () => {
    expect(await main(['ask', '--url', url])).toBe(2);
    expect(lines.err.join('\n')).toContain('ask: give a question');
    delete process.env['TWIN_API_KEY'];
    expect(await main(['ask', 'hello', '--url', url])).toBe(1);
    expect(lines.err.join('\n')).toContain('ask: credentials required');
  });
});
