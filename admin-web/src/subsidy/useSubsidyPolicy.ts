import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type SubsidyPolicy } from '../api';

/** The community's 养老服务补贴 per eligible elder and month (GET /communities/{id}/subsidy-policy). */
export function useSubsidyPolicy(communityId: string | undefined) {
  return useQuery({
    queryKey: ['subsidy-policy', communityId],
    queryFn: async () =>
      unwrap(
        await api.GET('/communities/{communityId}/subsidy-policy', {
          params: { path: { communityId: communityId ?? '' } },
        }),
      ),
    enabled: communityId !== undefined,
  });
}

/** A worker of the community sets its monthly amount, in fen (PUT …/subsidy-policy). */
export function useSetSubsidyPolicy(communityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (monthlyFen: number) =>
      unwrap(
        await api.PUT('/communities/{communityId}/subsidy-policy', {
          params: { path: { communityId } },
          body: { monthlyFen },
        }),
      ),
    onSuccess: (policy: SubsidyPolicy) => {
      queryClient.setQueryData(['subsidy-policy', communityId], policy);
      // quotes of unpaid orders follow the new amount
      return queryClient.invalidateQueries({ queryKey: ['order'] });
    },
  });
}
