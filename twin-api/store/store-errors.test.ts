import { describe, expect, it } from 'vitest';
import { classifyStoreError, InvalidRowError } from './store-errors.ts';

const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('classifyStoreError', () => {
  it('calls the rows at fault for data exceptions and constraint violations: a retry would fail the same way', () => {
    expect(classifyStoreError(pgError('22008', 'date/time field value out of range'))).toBe('data');
    expect(classifyStoreError(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe('data');
    expect(classifyStoreError(pgError('22P02', 'invalid input syntax for type double precision'))).toBe('data');
    expect(classifyStoreError(pgError('22003', 'value out of range'))).toBe('data');
    expect(classifyStoreError(pgError('22P05', 'unsupported Unicode escape sequence'))).toBe('data');
    expect(classifyStoreError(pgError('23502', 'null value violates not-null constraint'))).toBe('data');
    expect(classifyStoreError(new InvalidRowError('time out of range: NaN ms'))).toBe('data');
  });

  it('retries what may pass later: connections, timeouts, shutdowns, deadlocks, resources, and errors it does not know', () => {
    for (const code of ['08006', '08001', '57014', '57P01', '40P01', '40001', '53300', '42P01']) expect(classifyStoreError(pgError(code))).toBe('transient');
    expect(classifyStoreError(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('transient');
    expect(classifyStoreError(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyStoreError(undefined)).toBe('transient');
  });
});
