import { useCurrentStaff } from './MeContext';
import { permissionsOf, type Permissions } from './permissions';

export function usePermissions(): Permissions {
  return permissionsOf(useCurrentStaff());
}

/** Looks up the name of one of the signed-in staff member's communities. */
export function useCommunityName(): (communityId: string) => string {
  const me = useCurrentStaff();
  return (communityId) =>
    me.communities.find((community) => community.id === communityId)?.name ?? '—';
}
