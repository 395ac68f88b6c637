import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap, type AssignmentRequest, type RedispatchRequest } from '../api';
import { useOrderChanged } from '../orders';

/** How often the board asks again while no live stream tells it of changes. */
export const BOARD_POLL_MS = 15_000;

/**
 * How often it asks while the stream is live: a deadline coming near or a window starting without
 * a check-in puts an order on the board with no change to the order, so no event tells of it.
 */
export const BOARD_LIVE_POLL_MS = 60_000;

/**
 * The community's orders that need a person now, the most urgent first: escalated ones (nobody
 * took them), matching ones whose deadline is near, assigned ones nobody checked in to.
 */
export function useBoard(communityId: string | undefined, refetchInterval: number | false) {
  return useQuery({
    queryKey: ['dispatch', 'board', communityId],
    queryFn: async () =>
      unwrap(
        await api.GET('/dispatch-board', {
          params: { query: { communityId: communityId ?? '' } },
        }),
      ),
    enabled: communityId !== undefined,
    refetchInterval,
  });
}

/**
 * Who could serve the order now, ranked with each score component explained, and who could not
 * with the rules they fail. Presence changes by the minute, so it is asked again while shown.
 */
export function useCandidates(orderId: string | null, refetchInterval: number | false) {
  return useQuery({
    queryKey: ['dispatch', 'candidates', orderId],
    queryFn: async () =>
      unwrap(
        await api.GET('/orders/{orderId}/candidates', {
          params: { path: { orderId: orderId ?? '' } },
        }),
      ),
    enabled: orderId !== null,
    refetchInterval,
  });
}

/** 人工派单: fills the order's next empty seat with the provider (POST /orders/{id}/assignment). */
export function useAssign(orderId: string) {
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: async (body: AssignmentRequest) =>
      unwrap(
        await api.POST('/orders/{orderId}/assignment', { params: { path: { orderId } }, body }),
      ),
    onSuccess: changed,
  });
}

/** 重新派单: an escalated order goes back to matching, with a reason (POST /orders/{id}/redispatch). */
export function useRedispatch(orderId: string) {
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: async (body: RedispatchRequest) =>
      unwrap(
        await api.POST('/orders/{orderId}/redispatch', { params: { path: { orderId } }, body }),
      ),
    onSuccess: changed,
  });
}

/** The community's providers, to assign one the candidate list does not show (offline, far away). */
export function useCommunityProviders(communityId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['providers', { communityId }, 0, 100],
    queryFn: async () =>
      unwrap(
        await api.GET('/providers', { params: { query: { communityId, page: 0, size: 100 } } }),
      ),
    enabled,
    staleTime: 60_000,
  });
}
