import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type CreateElderRequest } from '../api';

export interface ElderFilters {
  name?: string;
  phoneLast4?: string;
  communityId?: string;
  specialDifficulty?: boolean;
}

/** A page of elders (masked), GET /elders; `page` is zero-based. */
export function useElders(filters: ElderFilters, page: number, size: number, enabled = true) {
  return useQuery({
    queryKey: ['elders', filters, page, size],
    queryFn: async () =>
      unwrap(await api.GET('/elders', { params: { query: { ...filters, page, size } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The full record, GET /elders/{id}; a worker's read is logged by the api. */
export function useElder(elderId: string | null) {
  return useQuery({
    queryKey: ['elder', elderId],
    queryFn: async () =>
      unwrap(await api.GET('/elders/{elderId}', { params: { path: { elderId: elderId ?? '' } } })),
    enabled: elderId !== null,
    staleTime: 60_000,
  });
}

export function useCreateElder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateElderRequest) => unwrap(await api.POST('/elders', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['elders'] }),
  });
}
