import { useQueryClient } from '@tanstack/react-query';
import { useEventStream, useSettled, type StreamState } from '../api';

/**
 * The community's order changes, live (GET /communities/{id}/events, `order-changed`): the board,
 * the candidates and the orders shown are asked again once changes settle, and on every
 * (re)connection, to catch up on what happened while the stream was down.
 */
export function useCommunityLive(communityId: string | undefined): StreamState {
  const queryClient = useQueryClient();
  const refresh = useSettled(() => {
    void queryClient.invalidateQueries({ queryKey: ['dispatch'] });
    void queryClient.invalidateQueries({ queryKey: ['orders'] });
    void queryClient.invalidateQueries({ queryKey: ['order'] });
  });
  return useEventStream(
    communityId === undefined ? null : `/communities/${communityId}/events`,
    (event) => {
      if (event.event === 'order-changed') refresh();
    },
    refresh,
  );
}
