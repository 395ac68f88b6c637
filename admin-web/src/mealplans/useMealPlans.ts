import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type MealPlan, type PlaceMealPlanRequest } from '../api';

/** The elder's 助餐计划, newest first (GET /meal-plans?elderId=). */
export function useMealPlans(elderId: string | undefined) {
  return useQuery({
    queryKey: ['meal-plans', elderId],
    queryFn: async () =>
      unwrap(await api.GET('/meal-plans', { params: { query: { elderId: elderId ?? '' } } })),
    enabled: elderId !== undefined,
  });
}

/** A plan changed: its elder's list and the orders it made (its days are orders) refresh. */
function usePlanChanged() {
  const queryClient = useQueryClient();
  return (plan: MealPlan) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['meal-plans', plan.elderId] }),
      queryClient.invalidateQueries({ queryKey: ['orders'] }),
    ]);
}

export function usePlaceMealPlan() {
  const changed = usePlanChanged();
  return useMutation({
    mutationFn: async (body: PlaceMealPlanRequest) =>
      unwrap(await api.POST('/meal-plans', { body })),
    onSuccess: changed,
  });
}

export type MealPlanAction =
  { kind: 'pause'; reason: string } | { kind: 'resume' } | { kind: 'cancel'; reason: string };

/** 暂停 (with a reason), 恢复, 取消计划 (with a reason). */
export function useMealPlanAction(planId: string) {
  const changed = usePlanChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: MealPlanAction) => {
      const params = { path: { planId } };
      switch (action.kind) {
        case 'pause':
          return unwrap(
            await api.POST('/meal-plans/{planId}/pause', {
              params,
              body: { reason: action.reason },
            }),
          );
        case 'resume':
          return unwrap(await api.POST('/meal-plans/{planId}/resumption', { params }));
        case 'cancel':
          return unwrap(
            await api.POST('/meal-plans/{planId}/cancellation', {
              params,
              body: { reason: action.reason },
            }),
          );
      }
    },
    onSuccess: changed,
    // refused (most often: it changed meanwhile): show the plans as they are now
    onError: () => queryClient.invalidateQueries({ queryKey: ['meal-plans'] }),
  });
}
