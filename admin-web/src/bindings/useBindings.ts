import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BindingStatus } from '../api';

/** 家属绑定 of the worker's communities, GET /bindings?status=... */
export function useBindings(status: BindingStatus) {
  return useQuery({
    queryKey: ['bindings', status],
    queryFn: async () => unwrap(await api.GET('/bindings', { params: { query: { status } } })),
  });
}

export function useDecideBinding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (decision: { bindingId: string; reject?: { reason: string } }) => {
      const path = { bindingId: decision.bindingId };
      return decision.reject
        ? unwrap(
            await api.POST('/bindings/{bindingId}/reject', {
              params: { path },
              body: decision.reject,
            }),
          )
        : unwrap(await api.POST('/bindings/{bindingId}/confirm', { params: { path } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bindings'] }),
  });
}
