import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { neo4jConfigFrom } from './neo4j-config.ts';

const files: Record<string, string> = { '/run/secrets/neo4j': 's3cret\n', '/run/secrets/empty': '\n' };
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};
const config = (env: Record<string, string>) => neo4jConfigFrom(env, readFile);
const refusal = (env: Record<string, string>): string => {
  try {
    config(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('not refused');
};

describe('neo4jConfigFrom', () => {
  it('is null without NEO4J_URI: the embedded store serves', () => {
    expect(config({})).toBeNull();
    expect(config({ NEO4J_URI: '' })).toBeNull();
  });

  it('reads the address, the user (neo4j by default) and the password, inline or from a file without its line end', () => {
    expect(config({ NEO4J_URI: 'neo4j://kg:7687', NEO4J_PASSWORD: 'pw' })).toEqual({ uri: 'neo4j://kg:7687', user: 'neo4j', password: 'pw' });
    expect(config({ NEO4J_URI: 'bolt+s://kg.example.com', NEO4J_USER: 'twin', NEO4J_PASSWORD_FILE: '/run/secrets/neo4j', NEO4J_DATABASE: 'knowledge' }))
      .toEqual({ uri: 'bolt+s://kg.example.com', user: 'twin', password: 's3cret', database: 'knowledge' });
  });

  it('names the variable at fault, and never shows a password', () => {
    expect(refusal({ NEO4J_URI: 'http://kg:7474', NEO4J_PASSWORD: 'pw' })).toMatch(/^NEO4J_URI: "http:\/\/kg:7474" is not a Neo4j address/);
    expect(refusal({ NEO4J_URI: 'http://admin:hunter2@kg', NEO4J_PASSWORD: 'pw' })).not.toContain('hunter2');
    expect(refusal({ NEO4J_URI: 'neo4j+x://admin:hunter2@kg', NEO4J_PASSWORD: 'pw' })).not.toContain('hunter2');
    expect(refusal({ NEO4J_URI: 'neo4j://kg' })).toMatch(/^NEO4J_PASSWORD: not set/);
    expect(refusal({ NEO4J_URI: 'neo4j://kg', NEO4J_PASSWORD: '' })).toMatch(/^NEO4J_PASSWORD: is empty/);
    expect(refusal({ NEO4J_URI: 'neo4j://kg', NEO4J_PASSWORD: 'pw', NEO4J_PASSWORD_FILE: '/run/secrets/neo4j' })).toMatch(/^NEO4J_PASSWORD and NEO4J_PASSWORD_FILE/);
    expect(refusal({ NEO4J_URI: 'neo4j://kg', NEO4J_PASSWORD_FILE: '/run/secrets/missing' })).toMatch(/^NEO4J_PASSWORD_FILE: cannot read "\/run\/secrets\/missing": ENOENT/);
    expect(refusal({ NEO4J_URI: 'neo4j://kg', NEO4J_PASSWORD_FILE: '/run/secrets/empty' })).toMatch(/^NEO4J_PASSWORD_FILE: .* is empty/);
    expect(refusal({ NEO4J_URI: 'neo4j://kg', NEO4J_USER: ' ', NEO4J_PASSWORD: 'pw' })).toMatch(/^NEO4J_USER: is empty/);
    expect(refusal({ NEO4J_URI: 'neo4j://kg', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'no spaces' })).toMatch(/^NEO4J_DATABASE:/);
    expect(refusal({ NEO4J_PASSWORD: 'pw' })).toMatch(/^NEO4J_URI: not set, but NEO4J_PASSWORD is/);
  });
});
