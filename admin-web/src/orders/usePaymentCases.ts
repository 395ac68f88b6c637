import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type OfflineSettlementRequest, type PaymentCase } from '../api';

/**
 * The open payment cases (refunds and closings WeChat Pay declined) of each covered community,
 * oldest first, put together (GET /communities/{id}/payment-cases).
 */
export function useOpenPaymentCases(communityIds: string[]) {
  const results = useQueries({
    queries: communityIds.map((communityId) => ({
      queryKey: ['payment-cases', communityId],
      queryFn: async () =>
        unwrap(
          await api.GET('/communities/{communityId}/payment-cases', {
            params: { path: { communityId }, query: { status: 'OPEN' } },
          }),
        ),
      // a refund refused in the background shows up without a reload
      refetchInterval: 60_000,
    })),
  });
  const cases: PaymentCase[] = results
    .flatMap((result) => result.data?.items ?? [])
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  return {
    cases,
    error: results.find((result) => result.isError)?.error,
    isFetching: results.some((result) => result.isFetching),
    refetch: () => Promise.all(results.map((result) => result.refetch())),
  };
}

function useCaseHandled() {
  const queryClient = useQueryClient();
  return (handled?: PaymentCase) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['payment-cases'] }),
      handled && queryClient.invalidateQueries({ queryKey: ['order', handled.orderId] }),
    ]);
}

/** 重新发起: the gateway is asked again at once; the answer is in `retryOutcome`. */
export function useRetryPaymentCase() {
  const handled = useCaseHandled();
  return useMutation({
    mutationFn: async (paymentCaseId: string) =>
      unwrap(
        await api.POST('/payment-cases/{paymentCaseId}/retry', {
          params: { path: { paymentCaseId } },
        }),
      ),
    onSettled: (data) => handled(data),
  });
}

/** 线下已处理: settled outside WeChat Pay, with the reason (and a receipt number). */
export function useSettlePaymentCaseOffline() {
  const handled = useCaseHandled();
  return useMutation({
    mutationFn: async ({
      paymentCaseId,
      body,
    }: {
      paymentCaseId: string;
      body: OfflineSettlementRequest;
    }) =>
      unwrap(
        await api.POST('/payment-cases/{paymentCaseId}/offline-settlement', {
          params: { path: { paymentCaseId } },
          body,
        }),
      ),
    onSettled: (data) => handled(data),
  });
}
