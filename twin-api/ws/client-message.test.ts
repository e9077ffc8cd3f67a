import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './client-message.ts';

describe('parseClientMessage', () => {
  it('accepts the three client messages', () => {
    expect(parseClientMessage('{"type":"hello","protocolVersion":1,"lastSeq":5}')).toMatchObject({ ok: true });
    expect(parseClientMessage('{"type":"subscribe","channels":["sensors"],"assets":["m1"],"maxRateHz":2}')).toMatchObject({ ok: true });
    expect(parseClientMessage('{"type":"unsubscribe","channels":["alerts"]}')).toMatchObject({ ok: true });
  });

  it('names invalid JSON', () => {
    expect(parseClientMessage('{nope')).toMatchObject({ ok: false, code: 'TWIN_ERR_WS_BAD_JSON' });
  });

  it('names an unknown type and lists the known ones', () => {
    const r = parseClientMessage('{"type":"dance"}');
    expect(r).toMatchObject({ ok: false, code: 'TWIN_ERR_WS_BAD_MESSAGE' });
    expect(!r.ok && r.message).toContain('expected one of hello, subscribe, unsubscribe');
  });

  it('names the offending field and the allowed values', () => {
    const r = parseClientMessage('{"type":"subscribe","channels":["weather"]}');
    expect(!r.ok && r.message).toBe('invalid subscribe: /channels/0 must be one of sensors, predictions, alerts, recommendations, quality, state, events');
  });

  it('names a missing field', () => {
    const r = parseClientMessage('{"type":"hello"}');
    expect(!r.ok && r.message).toContain('protocolVersion');
  });

  it('rejects non-objects', () => {
    expect(parseClientMessage('[1,2]')).toMatchObject({ ok: false, code: 'TWIN_ERR_WS_BAD_MESSAGE' });
    expect(parseClientMessage('null')).toMatchObject({ ok: false, code: 'TWIN_ERR_WS_BAD_MESSAGE' });
  });
});
