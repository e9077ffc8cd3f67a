import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseDuration } from '../scenarios/duration.ts';
import { TwinApiError } from './errors.ts';

/** Roles in increasing power; a role may do everything the roles before it may (engineer and trainer are siblings). */
export const ROLES = ['viewer', 'operator', 'trainer', 'engineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly actor: string;
  readonly role: Role;
}

/** Which roles satisfy a route's requirement. */
const SATISFIES: Record<Role, readonly Role[]> = {
  viewer: ['viewer', 'operator', 'trainer', 'engineer', 'admin'],
  operator: ['operator', 'engineer', 'admin'],
  trainer: ['trainer', 'admin'],
  engineer: ['engineer', 'admin'],
  admin: ['admin'],
};

export function allows(have: Role, need: Role | readonly Role[]): boolean {
  const needs = typeof need === 'string' ? [need] : need;
  return needs.some((n) => SATISFIES[n].includes(have));
}

export interface AuthConfig {
  /** API key → principal. */
  readonly apiKeys: ReadonlyMap<string, Principal>;
  /** Secret for JWTs (HS256); null: JWTs are not accepted. */
  readonly jwtSecret: string | null;
  /** Development mode: requests without credentials act as admin "dev". Never on by default with keys configured. */
  readonly devMode: boolean;
  /** Longest lifetime a JWT may claim (exp − iat, or exp − now without iat), seconds; a token without exp is refused. */
  readonly jwtMaxLifetimeS: number;
}

/** A day: long enough for a shift plus overtime, short enough that a leaked token dies. */
export const DEFAULT_JWT_MAX_LIFETIME_S = 24 * 3600;

/**
 * Auth from the environment, never from code: TWIN_API_KEYS="key1:admin:alice,key2:viewer:kiosk" or
 * TWIN_API_KEYS_FILE (JSON [{ key, role, actor }]), TWIN_JWT_SECRET or TWIN_JWT_SECRET_FILE,
 * TWIN_DEV_MODE=1. With no keys and no JWT secret the server runs in development mode.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv): AuthConfig {
  const apiKeys = new Map<string, Principal>();
  const add = (key: string, role: string, actor: string, where: string) => {
    if (!ROLES.includes(role as Role)) throw new Error(`${where}: unknown role "${role}" (roles: ${ROLES.join(', ')})`);
    if (key.length < 16) throw new Error(`${where}: API keys must be at least 16 characters`);
    apiKeys.set(key, { actor: actor || role, role: role as Role });
  };
  for (const [i, entry] of (env['TWIN_API_KEYS'] ?? '').split(',').filter(Boolean).entries()) {
    const [key = '', role = '', actor = ''] = entry.split(':');
    add(key, role, actor, `TWIN_API_KEYS[${i}]`);
  }
  if (env['TWIN_API_KEYS_FILE']) {
    const list = JSON.parse(readFileSync(env['TWIN_API_KEYS_FILE'], 'utf8')) as { key: string; role: string; actor?: string }[];
    list.forEach((e, i) => add(e.key, e.role, e.actor ?? '', `TWIN_API_KEYS_FILE[${i}]`));
  }
  const jwtSecret = env['TWIN_JWT_SECRET'] ?? (env['TWIN_JWT_SECRET_FILE'] ? readFileSync(env['TWIN_JWT_SECRET_FILE'], 'utf8').trim() : null);
  const devMode = env['TWIN_DEV_MODE'] === '1' || (apiKeys.size === 0 && !jwtSecret);
  const lifetimeText = env['TWIN_JWT_MAX_LIFETIME'];
  const jwtMaxLifetimeS = lifetimeText === undefined ? DEFAULT_JWT_MAX_LIFETIME_S : parseDuration(lifetimeText);
  if (jwtMaxLifetimeS === undefined || !(jwtMaxLifetimeS > 0)) throw new Error(`TWIN_JWT_MAX_LIFETIME: "${lifetimeText}" is not a positive duration (e.g. 8h)`);
  return { apiKeys, jwtSecret, devMode, jwtMaxLifetimeS };
}

/**
 * An API key offered as a WebSocket sub-protocol `twin-key.<base64url(key)>`: browsers cannot set
 * headers on a WebSocket, so the viewer sends it there (next to `twinworks`, the one the server picks).
 */
export function keyFromSubprotocols(header: string | string[] | undefined): string | undefined {
  const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((p) => p.trim());
  const token = list.find((p) => p.startsWith('twin-key.'));
  if (token === undefined) return undefined;
  const key = Buffer.from(token.slice('twin-key.'.length), 'base64url').toString('utf8');
  return key.length > 0 ? key : undefined;
}

/**
 * Resolves the caller from `x-api-key`, `Authorization: Bearer <jwt>` or (WebSocket upgrades) a
 * `twin-key.` sub-protocol; throws 401 when credentials are bad.
 */
export async function authenticate(req: FastifyRequest, config: AuthConfig): Promise<Principal | null> {
  const key = req.headers['x-api-key'] ?? (req.headers.upgrade ? keyFromSubprotocols(req.headers['sec-websocket-protocol']) : undefined);
  if (typeof key === 'string') {
    const p = config.apiKeys.get(key);
    if (!p) throw new TwinApiError('TWIN_ERR_UNAUTHORIZED', 'unknown API key');
    return p;
  }
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    if (!config.jwtSecret) throw new TwinApiError('TWIN_ERR_UNAUTHORIZED', 'this server does not accept JWTs');
    let payload: JwtClaims;
    try {
      payload = (await req.jwtVerify()) as JwtClaims;
    } catch {
      throw new TwinApiError('TWIN_ERR_UNAUTHORIZED', 'invalid or expired token (needs claims sub, role and exp)');
    }
    const problem = claimsProblem(payload, config.jwtMaxLifetimeS, Date.now() / 1000);
    if (problem) throw new TwinApiError('TWIN_ERR_UNAUTHORIZED', `token refused: ${problem}`);
    return { actor: payload.sub ?? 'jwt', role: payload.role as Role };
  }
  return config.devMode ? { actor: 'dev', role: 'admin' } : null;
}

interface JwtClaims {
  readonly sub?: string;
  readonly role?: string;
  readonly exp?: number;
  readonly iat?: number;
}

/**
 * Why a verified token's claims are refused, or undefined. A token must say when it expires, and may
 * not live longer than the server allows: a token without `exp` would be valid forever.
 */
export function claimsProblem(c: JwtClaims, maxLifetimeS: number, nowS: number): string | undefined {
  if (!c.role || !ROLES.includes(c.role as Role)) return `claim "role" must be one of ${ROLES.join(', ')}`;
  if (typeof c.exp !== 'number') return 'claim "exp" (expiry) is required';
  const lifetimeS = c.exp - (typeof c.iat === 'number' ? c.iat : nowS);
  if (lifetimeS > maxLifetimeS) return `it lives ${Math.round(lifetimeS)} s, longer than the ${maxLifetimeS} s this server allows (TWIN_JWT_MAX_LIFETIME)`;
  return undefined;
}

/** A preHandler that requires one of `roles`. */
export function requireRole(config: AuthConfig, need: Role | readonly Role[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const p = await authenticate(req, config);
    if (!p) throw new TwinApiError('TWIN_ERR_UNAUTHORIZED', 'credentials required: x-api-key header or Bearer token');
    if (!allows(p.role, need)) {
      const needs = typeof need === 'string' ? need : need.join(' or ');
      throw new TwinApiError('TWIN_ERR_FORBIDDEN', `role ${p.role} may not do this (needs ${needs})`);
    }
    req.principal = p;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
