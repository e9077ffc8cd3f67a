import { describe, expect, it } from 'vitest';
import { authConfigFromEnv, claimsProblem, DEFAULT_JWT_MAX_LIFETIME_S } from './auth.ts';

describe('JWT claims', () => {
  const now = 1_800_000_000;
  it('accepts a token with a role and an expiry within the allowed lifetime', () => {
    expect(claimsProblem({ sub: 'ana', role: 'operator', iat: now, exp: now + 3600 }, 3600, now)).toBeUndefined();
    expect(claimsProblem({ role: 'viewer', exp: now + 60 }, 3600, now)).toBeUndefined();
  });

  it('refuses a token that never expires, lives too long, or has no known role', () => {
    expect(claimsProblem({ role: 'admin' }, 3600, now)).toBe('claim "exp" (expiry) is required');
    expect(claimsProblem({ role: 'admin', iat: now, exp: now + 7200 }, 3600, now)).toMatch(/lives 7200 s, longer than the 3600 s/);
    expect(claimsProblem({ role: 'admin', exp: now + 7200 }, 3600, now)).toMatch(/lives 7200 s/);
    expect(claimsProblem({ role: 'superuser', exp: now + 60 }, 3600, now)).toMatch(/claim "role" must be one of viewer, operator/);
  });

  it('takes the longest lifetime from TWIN_JWT_MAX_LIFETIME, a day by default, and names a bad one', () => {
    expect(authConfigFromEnv({ TWIN_JWT_SECRET: 's' }).jwtMaxLifetimeS).toBe(DEFAULT_JWT_MAX_LIFETIME_S);
    expect(authConfigFromEnv({ TWIN_JWT_SECRET: 's', TWIN_JWT_MAX_LIFETIME: '8h' }).jwtMaxLifetimeS).toBe(8 * 3600);
    expect(() => authConfigFromEnv({ TWIN_JWT_MAX_LIFETIME: 'soon' })).toThrow('TWIN_JWT_MAX_LIFETIME: "soon" is not a positive duration (e.g. 8h)');
  });
});
