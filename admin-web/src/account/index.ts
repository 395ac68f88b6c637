export { StaffGate } from './StaffGate';
export { useCurrentStaff } from './MeContext';
export { useMe } from './useMe';
export { isRole, isStaff, staffRolesFirst, STAFF_ROLES } from './roles';
export { permissionsOf, type Permissions } from './permissions';
export { usePermissions, useCommunityName } from './usePermissions';
