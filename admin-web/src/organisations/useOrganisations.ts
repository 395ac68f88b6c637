import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  api,
  unwrap,
  type Provider,
  type ServiceOrganisation,
  type ServiceOrganisationInput,
} from '../api';

const organisationsQuery = (communityId: string) => ({
  queryKey: ['service-organisations', communityId],
  queryFn: async () =>
    unwrap(await api.GET('/service-organisations', { params: { query: { communityId } } })),
});

/** 服务商 of a community, by name (GET /service-organisations). */
export function useServiceOrganisations(communityId: string | undefined) {
  return useQuery({
    ...organisationsQuery(communityId ?? ''),
    enabled: communityId !== undefined,
  });
}

/** The organisations of several communities, by id, e.g. to name a provider's employer in a list. */
export function useOrganisationsById(communityIds: string[]): Map<string, ServiceOrganisation> {
  const results = useQueries({ queries: communityIds.map(organisationsQuery) });
  const byId = new Map<string, ServiceOrganisation>();
  for (const result of results) {
    for (const organisation of result.data ?? []) byId.set(organisation.id, organisation);
  }
  return byId;
}

/** 登记服务商 (POST /service-organisations). */
export function useRegisterOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ServiceOrganisationInput) =>
      unwrap(await api.POST('/service-organisations', { body })),
    onSuccess: (organisation) =>
      queryClient.invalidateQueries({
        queryKey: ['service-organisations', organisation.communityId],
      }),
  });
}

/** Which organisation employs the provider; null: independent (PUT /providers/{id}/organisation). */
export function useSetProviderOrganisation(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (organisationId: string | null) =>
      unwrap(
        await api.PUT('/providers/{providerId}/organisation', {
          params: { path: { providerId } },
          body: { organisationId },
        }),
      ),
    // the open provider shows it at once, not only when the refetch below comes back
    onSuccess: (result) => {
      queryClient.setQueryData<Provider>(['provider', providerId], (provider) =>
        provider ? { ...provider, organisationId: result.organisationId } : provider,
      );
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['provider', providerId] }),
        queryClient.invalidateQueries({ queryKey: ['providers'] }),
      ]),
  });
}
