import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type PlaceOrderRequest } from '../api';

/** The community's 价目表, GET /communities/{id}/price-list. */
export function usePriceList(communityId: string | undefined) {
  return useQuery({
    queryKey: ['price-list', communityId],
    queryFn: async () =>
      unwrap(
        await api.GET('/communities/{communityId}/price-list', {
          params: { path: { communityId: communityId ?? '' } },
        }),
      ),
    enabled: communityId !== undefined,
  });
}

export function usePlaceOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: PlaceOrderRequest) => unwrap(await api.POST('/orders', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orders'] }),
  });
}
