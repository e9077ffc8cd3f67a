import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, serverConfigFromEnv } from './config.ts';

describe('server configuration', () => {
  it('listens on loopback only in development mode unless told otherwise', () => {
    expect(serverConfigFromEnv({}, true).host).toBe('127.0.0.1');
    expect(serverConfigFromEnv({}, false).host).toBe('0.0.0.0');
    expect(serverConfigFromEnv({ HOST: '127.0.0.1' }, true).host).toBe('127.0.0.1');
  });

  it('refuses a reachable HOST in development mode without an explicit TWIN_DEV_MODE=1', () => {
    expect(() => serverConfigFromEnv({ HOST: '0.0.0.0' }, true)).toThrow(ConfigError);
    expect(() => serverConfigFromEnv({ HOST: '0.0.0.0' }, true)).toThrow(/would serve anonymous admin on every interface/);
    expect(serverConfigFromEnv({ HOST: '0.0.0.0', TWIN_DEV_MODE: '1' }, true).host).toBe('0.0.0.0');
    expect(serverConfigFromEnv({ HOST: '0.0.0.0' }, false).host).toBe('0.0.0.0');
  });

  it('knows which hosts only this machine reaches', () => {
    expect(['localhost', '127.0.0.1', '127.0.1.1', '::1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.4', 'twin.example'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});
