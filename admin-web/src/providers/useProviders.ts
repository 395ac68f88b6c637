import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';

export interface ProviderFilters {
  communityId?: string;
  pendingVerification?: boolean;
}

/** 服务人员 of the worker's communities, GET /providers; `page` is zero-based. */
export function useProviders(filters: ProviderFilters, page: number, size: number) {
  return useQuery({
    queryKey: ['providers', filters, page, size],
    queryFn: async () =>
      unwrap(await api.GET('/providers', { params: { query: { ...filters, page, size } } })),
    placeholderData: keepPreviousData,
  });
}

export function useProvider(providerId: string | null) {
  return useQuery({
    queryKey: ['provider', providerId],
    queryFn: async () =>
      unwrap(
        await api.GET('/providers/{providerId}', {
          params: { path: { providerId: providerId ?? '' } },
        }),
      ),
    enabled: providerId !== null,
  });
}

export type ProviderAction =
  | { kind: 'verify'; credentialId: string; verified: boolean; note?: string }
  | { kind: 'suspend'; reason: string }
  | { kind: 'reinstate'; reason: string };

/** 资质审核, 暂停接单 and 恢复接单; the lists and the open provider refresh afterwards. */
export function useProviderAction(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: ProviderAction) => {
      const path = { providerId };
      switch (action.kind) {
        case 'verify':
          return unwrap(
            await api.POST('/providers/{providerId}/credentials/{credentialId}/verification', {
              params: { path: { providerId, credentialId: action.credentialId } },
              body: { verified: action.verified, note: action.note },
            }),
          );
        case 'suspend':
          return unwrap(
            await api.PUT('/providers/{providerId}/suspension', {
              params: { path },
              body: { reason: action.reason },
            }),
          );
        case 'reinstate':
          return unwrap(
            await api.POST('/providers/{providerId}/reinstatement', {
              params: { path },
              body: { reason: action.reason },
            }),
          );
      }
    },
    onSuccess: (provider) => {
      queryClient.setQueryData(['provider', providerId], provider);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['providers'] }),
  });
}
