import { describe, expect, it } from 'vitest';
import type { Role } from '../../../protocol/health.ts';
import { mayDecide, mayPlan, roleAllows } from './roles.ts';

const as = (role: Role) => ({ role });

describe('what a role lets the viewer offer', () => {
  it('lets operators, engineers and admins decide on proposals, not viewers or trainers', () => {
    expect((['viewer', 'operator', 'trainer', 'engineer', 'admin'] as const).filter((r) => mayDecide(as(r)))).toEqual(['operator', 'engineer', 'admin']);
  });

  it('lets only engineers and admins plan on the live plant and change the settings', () => {
    expect((['viewer', 'operator', 'trainer', 'engineer', 'admin'] as const).filter((r) => mayPlan(as(r)))).toEqual(['engineer', 'admin']);
  });

  it('offers nothing while the caller is not known', () => {
    expect(mayDecide(null)).toBe(false);
    expect(roleAllows(null, 'viewer')).toBe(false);
  });
});
