/**
 * What the caller's role lets the viewer offer: the server decides (every route checks the role and
 * answers 403), the viewer only hides what would be refused. The table mirrors twin-api/auth.ts
 * (SATISFIES), which the viewer may not import: roles in increasing power, engineer and trainer siblings.
 */
import type { Me, Role } from '../../../protocol/health.ts';

const SATISFIES: Readonly<Record<Role, readonly Role[]>> = {
  viewer: ['viewer', 'operator', 'trainer', 'engineer', 'admin'],
  operator: ['operator', 'engineer', 'admin'],
  trainer: ['trainer', 'admin'],
  engineer: ['engineer', 'admin'],
  admin: ['admin'],
};

/** Whether `me` (null: not known yet) may do what needs `need`. Unknown callers may do nothing. */
export function roleAllows(me: Pick<Me, 'role'> | null, need: Role): boolean {
  return me !== null && SATISFIES[need].includes(me.role);
}

/** Approve, reject and roll back the optimizer's proposals (operator and above). */
export const mayDecide = (me: Pick<Me, 'role'> | null) => roleAllows(me, 'operator');

/** Plan on the live plant and change the optimizer's settings (engineers and admins). */
export const mayPlan = (me: Pick<Me, 'role'> | null) => roleAllows(me, 'engineer');
