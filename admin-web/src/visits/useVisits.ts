import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type RecordVisitRequest } from '../api';

/** A community's month of visits (GET /communities/{id}/visits). */
export function useVisitMonth(communityId: string | undefined, month: string) {
  return useQuery({
    queryKey: ['visits', communityId, month],
    queryFn: async () =>
      unwrap(
        await api.GET('/communities/{communityId}/visits', {
          params: { path: { communityId: communityId ?? '' }, query: { month } },
        }),
      ),
    enabled: communityId !== undefined,
  });
}

export function useRecordVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RecordVisitRequest) => unwrap(await api.POST('/visits', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['visits'] }),
  });
}
