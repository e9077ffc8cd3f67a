/**
 * Free text reaches the API only as text the store can keep: a NUL, another control character or
 * an unpaired UTF-16 surrogate is refused at the schema with a 400 naming the field, before any
 * handler runs or anything is audited. Tabs, line breaks and emoji (paired surrogates) are text.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fullApiServer } from './api-app.test-helper.ts';
import { KEYS } from '../twin-api/test-app.test-helper.ts';

const TEXT_ERROR = 'must not contain control characters (other than tab and line breaks) or unpaired surrogates';

describe('free-text fields', async () => {
  const s = await fullApiServer();
  afterAll(() => s.close());
  const send = (method: 'POST' | 'PUT' | 'GET', url: string, key: string, payload?: object) =>
    s.app.inject({ method, url, headers: { 'x-api-key': key, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
  const refused = (r: { statusCode: number; json(): unknown }, field: string) => {
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ data: null, error: { code: 'TWIN_ERR_BAD_REQUEST', message: `${field}: ${TEXT_ERROR}` } });
  };

  it('refuses a NUL in a command reason, and audits nothing', async () => {
    const before = (await s.audit()).length;
    refused(await send('PUT', '/api/plant/setpoints/Line_A.belt_speed', KEYS.operator, { value: 140, reason: 'shift\u0000change' }), 'reason');
    expect((await s.audit()).length).toBe(before);
  });

  it('refuses an unpaired surrogate in a dismissal justification (JSON.stringify writes it as \\ud800)', async () => {
    refused(await send('POST', `/api/alerts/${s.openAlert()}/dismiss`, KEYS.operator, { justification: 'sensor was \ud800 being cleaned' }), 'justification');
  });

  it('refuses a NUL in a recording name with a 400, not the 500 the database gave', async () => {
    const session = (await send('POST', '/api/sessions', KEYS.trainer, { scenario: 'furnace-overheat-crack-storm' })).json().data.id as string;
    refused(await send('POST', `/api/sessions/${session}/recording`, KEYS.trainer, { name: 'night\u0000shift' }), 'name');
  });

  it('refuses control characters in query strings and path parameters too', async () => {
    refused(await send('GET', '/api/alerts?severity=HIGH%01', KEYS.viewer), 'querystring.severity');
    refused(await send('PUT', '/api/plant/setpoints/Line_A.belt_speed%00', KEYS.operator, { value: 140 }), 'params.id');
  });

  it('takes tabs, line breaks and emoji as text', async () => {
    const r = await send('POST', `/api/alerts/${s.openAlert('pump_001')}/dismiss`, KEYS.operator, { justification: 'checked on site\n\tall fine 👍' });
    expect(r.statusCode).toBe(200);
    expect(r.json().data.justification).toBe('checked on site\n\tall fine 👍');
  });

  it('acknowledges with no body or an empty one, and refuses a body with anything in it (the audit log stores bodies)', async () => {
    expect((await send('POST', `/api/alerts/${s.openAlert('pump_002')}/acknowledge`, KEYS.operator)).statusCode).toBe(200);
    expect((await send('POST', `/api/alerts/${s.openAlert('pump_004')}/acknowledge`, KEYS.operator, {})).statusCode).toBe(200);
    const r = await send('POST', `/api/alerts/${s.openAlert('pump_005')}/acknowledge`, KEYS.operator, { note: '\u0000' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/^body: must NOT have additional properties/);
  });
});
