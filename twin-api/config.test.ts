import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, serverConfigFromEnv } from './config.ts';
import { DEFAULT_RETENTION } from './store/retention-policy.ts';

describe('server configuration', () => {
  it('starts the twin at a simulated time given by TWIN_WARM_UP, refusing what is not a duration', () => {
    expect(serverConfigFromEnv({}, true).warmUpS).toBe(0);
    expect(serverConfigFromEnv({ TWIN_WARM_UP: '9h' }, true).warmUpS).toBe(32_400);
    expect(() => serverConfigFromEnv({ TWIN_WARM_UP: 'nine hours' }, true)).toThrow('TWIN_WARM_UP: "nine hours" is not a duration up to 7d, such as "9h" or "90m"');
    expect(() => serverConfigFromEnv({ TWIN_WARM_UP: '30d' }, true)).toThrow(ConfigError);
  });

  it('keeps the knowledge graph embedded unless NEO4J_URI is set, and names the NEO4J_* variable at fault', () => {
    expect(serverConfigFromEnv({}, true).neo4j).toBeNull();
    expect(serverConfigFromEnv({ NEO4J_URI: 'neo4j://kg:7687', NEO4J_PASSWORD: 's3cret' }, true).neo4j).toEqual({ uri: 'neo4j://kg:7687', user: 'neo4j', password: 's3cret' });
    const files: Record<string, string> = { '/run/secrets/neo4j': 'from-file\n' };
    expect(serverConfigFromEnv({ NEO4J_URI: 'bolt://kg:7687', NEO4J_USER: 'twin', NEO4J_PASSWORD_FILE: '/run/secrets/neo4j' }, true, (p) => files[p]!).neo4j).toEqual({ uri: 'bolt://kg:7687', user: 'twin', password: 'from-file' });
    expect(() => serverConfigFromEnv({ NEO4J_URI: 'http://kg:7474', NEO4J_PASSWORD: 'x' }, true)).toThrow(/^NEO4J_URI: "http:\/\/kg:7474" is not a Neo4j address/);
    expect(() => serverConfigFromEnv({ NEO4J_URI: 'neo4j://kg:7687' }, true)).toThrow(/^NEO4J_PASSWORD: not set/);
    expect(() => serverConfigFromEnv({ NEO4J_PASSWORD: 'x' }, true)).toThrow(ConfigError);
  });

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

  it('accepts the supported speeds and refuses others naming TWIN_SPEED and the range', () => {
    expect(serverConfigFromEnv({}, true).speed).toBe(1);
    expect(['0.1', '60', '600', '600x', 'max'].map((v) => serverConfigFromEnv({ TWIN_SPEED: v }, true).speed)).toEqual([0.1, 60, 600, 600, 'max']);
    for (const bad of ['1000', '601', '0', '-5', 'fast', '', 'Infinity', '0.01']) {
      expect(() => serverConfigFromEnv({ TWIN_SPEED: bad }, true)).toThrow(ConfigError);
      expect(() => serverConfigFromEnv({ TWIN_SPEED: bad }, true)).toThrow(/^TWIN_SPEED: .* from 0\.1 to 600 .* or "max"$/);
    }
  });

  it('takes a shutdown deadline in seconds, 10 by default', () => {
    expect(serverConfigFromEnv({}, true).shutdownDeadlineS).toBe(10);
    expect(serverConfigFromEnv({ TWIN_SHUTDOWN_DEADLINE_S: '2.5' }, true).shutdownDeadlineS).toBe(2.5);
    for (const bad of ['0', '-1', 'soon', '', '601']) expect(() => serverConfigFromEnv({ TWIN_SHUTDOWN_DEADLINE_S: bad }, true)).toThrow(/^TWIN_SHUTDOWN_DEADLINE_S: /);
  });

  it('knows which hosts only this machine reaches', () => {
    expect(['localhost', '127.0.0.1', '127.0.1.1', '::1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.4', 'twin.example'].map(isLoopback)).toEqual([false, false, false, false]);
  });

  it('keeps history by the documented defaults, takes days or "forever" per table, and names a bad retention setting', () => {
    expect(serverConfigFromEnv({}, false).retention).toEqual({ policy: DEFAULT_RETENTION, intervalS: 60 });
    const custom = serverConfigFromEnv({ TWIN_RETAIN_SAMPLES_DAYS: '0.5', TWIN_RETAIN_EVENTS_DAYS: 'forever', TWIN_RETENTION_INTERVAL_S: '5' }, false).retention;
    expect(custom).toEqual({ policy: { ...DEFAULT_RETENTION, samples: 0.5, events: null }, intervalS: 5 });
    expect(() => serverConfigFromEnv({ TWIN_RETAIN_SAMPLES_DAYS: '0' }, false)).toThrow(/TWIN_RETAIN_SAMPLES_DAYS: "0" is not a positive number of days or "forever"/);
    expect(() => serverConfigFromEnv({ TWIN_RETAIN_PREDICTIONS_DAYS: '7d' }, false)).toThrow(ConfigError);
    expect(() => serverConfigFromEnv({ TWIN_RETAIN_SAMPLES_1M_DAYS: '2' }, false)).toThrow(/TWIN_RETAIN_SAMPLES_1M_DAYS: 2 days is shorter than TWIN_RETAIN_SAMPLES_10S_DAYS \(3\)/);
    expect(() => serverConfigFromEnv({ TWIN_RETENTION_INTERVAL_S: 'soon' }, false)).toThrow(/TWIN_RETENTION_INTERVAL_S: "soon"/);
  });

  it('logs at LOG_LEVEL (default info), and refuses a level pino does not have, naming the choices', () => {
    expect(serverConfigFromEnv({}, false).logLevel).toBe('info');
    expect(serverConfigFromEnv({ LOG_LEVEL: 'silent' }, false).logLevel).toBe('silent');
    expect(serverConfigFromEnv({ LOG_LEVEL: 'debug' }, false).logLevel).toBe('debug');
    expect(() => serverConfigFromEnv({ LOG_LEVEL: 'verbose' }, false)).toThrow('LOG_LEVEL: "verbose" is not one of fatal, error, warn, info, debug, trace, silent');
  });
});
