import { useQueryClient } from '@tanstack/react-query';
import { useEventStream, useSettled, type StreamState } from '../api';

/**
 * The order's timeline, live (GET /orders/{id}/events, `order-event`): the order and its
 * timeline are asked again once events settle (the stream first replays every event so far).
 */
export function useOrderLive(orderId: string | null): StreamState {
  const queryClient = useQueryClient();
  const refresh = useSettled(() => {
    void queryClient.invalidateQueries({ queryKey: ['order', orderId] });
  });
  return useEventStream(orderId === null ? null : `/orders/${orderId}/events`, (event) => {
    if (event.event === 'order-event') refresh();
  });
}
