import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  api,
  isApiError,
  unwrap,
  type Order,
  type OrderStatus,
  type PlaceOrderRequest,
} from '../api';

export interface OrderFilters {
  status?: OrderStatus;
  elderId?: string;
}

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

/** Orders of the covered communities, newest first, GET /orders; `page` is zero-based. */
export function useOrders(
  filters: OrderFilters,
  page: number,
  size: number,
  refetchInterval?: number,
) {
  return useQuery({
    queryKey: ['orders', filters, page, size],
    queryFn: async () =>
      unwrap(await api.GET('/orders', { params: { query: { ...filters, page, size } } })),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

export function useOrder(orderId: string | null) {
  return useQuery({
    queryKey: ['order', orderId],
    queryFn: async () =>
      unwrap(await api.GET('/orders/{orderId}', { params: { path: { orderId: orderId ?? '' } } })),
    enabled: orderId !== null,
  });
}

/** Every change of the order, oldest first: who, when, from → to, why. */
export function useOrderTimeline(orderId: string | null) {
  return useQuery({
    queryKey: ['order', orderId, 'timeline'],
    queryFn: async () =>
      unwrap(
        await api.GET('/orders/{orderId}/timeline', {
          params: { path: { orderId: orderId ?? '' } },
        }),
      ),
    enabled: orderId !== null,
  });
}

/** Puts a changed order into the caches and refreshes the lists and its timeline. */
export function useOrderChanged() {
  const queryClient = useQueryClient();
  return async (order: Order) => {
    queryClient.setQueryData(['order', order.id], order);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['order', order.id, 'timeline'] }),
      queryClient.invalidateQueries({ queryKey: ['orders'] }),
      queryClient.invalidateQueries({ queryKey: ['dispatch'] }),
    ]);
  };
}

/** 取消订单 before check-in, with a reason (POST /orders/{id}/cancellation). */
export function useCancelOrder(orderId: string) {
  const queryClient = useQueryClient();
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await api.POST('/orders/{orderId}/cancellation', {
          params: { path: { orderId } },
          body: { reason },
        }),
      ),
    onSuccess: changed,
    // refused (most often: it changed meanwhile): show the order as it is now
    onError: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['order', orderId] }),
        queryClient.invalidateQueries({ queryKey: ['orders'] }),
      ]),
  });
}

/** The order's payment, GET /orders/{id}/payment; null while it has none (404). */
export function useOrderPayment(orderId: string) {
  return useQuery({
    queryKey: ['order', orderId, 'payment'],
    queryFn: async () => {
      try {
        return unwrap(
          await api.GET('/orders/{orderId}/payment', { params: { path: { orderId } } }),
        );
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** How the price would be covered: subsidy first, then online (GET /orders/{id}/quote). */
export function useOrderQuote(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['order', orderId, 'quote'],
    queryFn: async () =>
      unwrap(await api.GET('/orders/{orderId}/quote', { params: { path: { orderId } } })),
    enabled,
  });
}

/** A worker pays a phone-in order the subsidy covers in full (POST /orders/{id}/payment). */
export function usePayOrder(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (expectedTotalFen: number) =>
      unwrap(
        await api.POST('/orders/{orderId}/payment', {
          params: { path: { orderId } },
          body: { expectedTotalFen },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['order', orderId] }),
  });
}
