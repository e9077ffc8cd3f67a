/**
 * The Neo4j store's settings from the environment (the composition root passes process.env and a
 * file reader): NEO4J_URI, NEO4J_USER (default neo4j), NEO4J_PASSWORD or NEO4J_PASSWORD_FILE (a
 * secret mounted as a file), NEO4J_DATABASE (optional; the server's default otherwise). Without
 * NEO4J_URI the embedded store serves. A bad value stops the start with one line naming the variable;
 * the password is never shown.
 */
import { ConfigError } from '../config-error.ts';

export interface Neo4jConfig {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  /** The database on the server; undefined: the server's default. */
  readonly database?: string;
}

const SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];
const URI = /^([a-z0-9+]+):\/\/[^\s/?#]+/;
// A user name and password in the URI are not shown back.
const shown = (uri: string): string => uri.replace(/\/\/[^@/]*@/, '//…@');

/** Null when NEO4J_URI is unset or empty; throws ConfigError naming the variable at fault. */
export function neo4jConfigFrom(env: Readonly<Record<string, string | undefined>>, readFile: (path: string) => string): Neo4jConfig | null {
  const uri = env['NEO4J_URI'] || '';
  if (uri === '') {
    const stray = ['NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_PASSWORD_FILE', 'NEO4J_DATABASE'].find((v) => env[v]);
    if (stray) throw new ConfigError(`NEO4J_URI: not set, but ${stray} is: set NEO4J_URI to use Neo4j, or unset ${stray}`);
    return null;
  }
  const scheme = URI.exec(uri)?.[1];
  if (scheme === undefined || !SCHEMES.includes(scheme)) {
    throw new ConfigError(`NEO4J_URI: "${shown(uri)}" is not a Neo4j address: use ${SCHEMES.map((s) => `${s}://`).join(', ')} followed by a host`);
  }
  const user = env['NEO4J_USER'] ?? 'neo4j';
  if (user.trim() === '') throw new ConfigError('NEO4J_USER: is empty');
  const inline = env['NEO4J_PASSWORD'];
  const file = env['NEO4J_PASSWORD_FILE'];
  if (inline !== undefined && file !== undefined) throw new ConfigError('NEO4J_PASSWORD and NEO4J_PASSWORD_FILE: set one of them, not both');
  let password: string;
  if (file !== undefined) {
    try {
      // A file written by `echo` ends with a line end that is not part of the secret.
      password = readFile(file).replace(/\r?\n$/, '');
    } catch (err) {
      throw new ConfigError(`NEO4J_PASSWORD_FILE: cannot read "${file}": ${(err as Error).message}`);
    }
    if (password === '') throw new ConfigError(`NEO4J_PASSWORD_FILE: "${file}" is empty`);
  } else {
    if (inline === undefined) throw new ConfigError('NEO4J_PASSWORD: not set (or NEO4J_PASSWORD_FILE): Neo4j at NEO4J_URI needs a password');
    if (inline === '') throw new ConfigError('NEO4J_PASSWORD: is empty');
    password = inline;
  }
  const database = env['NEO4J_DATABASE'];
  if (database !== undefined && !/^[A-Za-z][A-Za-z0-9.-]{0,62}$/.test(database)) throw new ConfigError(`NEO4J_DATABASE: "${database}" is not a Neo4j database name`);
  return database === undefined ? { uri, user, password } : { uri, user, password, database };
}
