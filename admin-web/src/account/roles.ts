import type { Role } from '../api/types';

/** The roles that may use the admin site. */
export const STAFF_ROLES: readonly Role[] = ['COMMUNITY_WORKER', 'DISTRICT_OFFICIAL', 'ADMIN'];

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => STAFF_ROLES.includes(role));
}

/** The staff roles first, in the order above, so the label shown is the one that matters here. */
export function staffRolesFirst(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => rank(a) - rank(b));
}

function rank(role: Role): number {
  const index = STAFF_ROLES.indexOf(role);
  return index === -1 ? STAFF_ROLES.length : index;
}

const ALL_ROLES: readonly Role[] = [
  'FAMILY',
  'PROVIDER',
  'VOLUNTEER',
  'COMMUNITY_WORKER',
  'DISTRICT_OFFICIAL',
  'ADMIN',
];

/** For role names that arrive as plain strings, such as a timeline event's actor. */
export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}
