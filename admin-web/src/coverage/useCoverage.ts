import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';

/** The community's latest coverage (GET /communities/{id}/coverage). */
export function useCoverage(communityId: string | undefined) {
  return useQuery({
    queryKey: ['coverage', communityId],
    queryFn: async () =>
      unwrap(
        await api.GET('/communities/{communityId}/coverage', {
          params: { path: { communityId: communityId ?? '' } },
        }),
      ),
    enabled: communityId !== undefined,
  });
}

/** Computes the coverage now (POST /communities/{id}/coverage/computation). */
export function useRecomputeCoverage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (communityId: string) =>
      unwrap(
        await api.POST('/communities/{communityId}/coverage/computation', {
          params: { path: { communityId } },
        }),
      ),
    onSuccess: (coverage) => {
      queryClient.setQueryData(['coverage', coverage.communityId], coverage);
    },
  });
}
