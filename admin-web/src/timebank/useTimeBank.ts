import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap, type RecordServiceRequest, type ServiceRecordStatus } from '../api';

/** Offline service records of a community, newest first (GET /timebank/service-records). */
export function useServiceRecords(
  communityId: string | undefined,
  status: ServiceRecordStatus,
  page: number,
  size: number,
) {
  return useQuery({
    queryKey: ['service-records', communityId, status, page, size],
    queryFn: async () =>
      unwrap(
        await api.GET('/timebank/service-records', {
          params: { query: { communityId, status, page, size } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: communityId !== undefined,
  });
}

/** Names of the volunteers (providers) by id, for the records that only carry their ids. */
export function useProviderNames(ids: string[]): Map<string, string> {
  const results = useQueries({
    queries: [...new Set(ids)].map((providerId) => ({
      queryKey: ['provider', providerId],
      queryFn: async () =>
        unwrap(await api.GET('/providers/{providerId}', { params: { path: { providerId } } })),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  for (const result of results) {
    if (result.data) names.set(result.data.id, result.data.displayName);
  }
  return names;
}

/** The community's volunteers (the first 100 of its providers, volunteers only). */
export function useVolunteers(communityId: string | undefined) {
  return useQuery({
    queryKey: ['providers', { communityId }, 0, 100],
    queryFn: async () =>
      unwrap(
        await api.GET('/providers', { params: { query: { communityId, page: 0, size: 100 } } }),
      ),
    enabled: communityId !== undefined,
    select: (page) => page.items.filter((provider) => provider.kind === 'VOLUNTEER'),
  });
}

function useRecordsChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['service-records'] }),
      queryClient.invalidateQueries({ queryKey: ['timebank-summary'] }),
    ]);
}

/** 登记志愿服务 (POST /timebank/service-records): pending until a second worker decides. */
export function useRecordService() {
  const changed = useRecordsChanged();
  return useMutation({
    mutationFn: async (body: RecordServiceRequest) =>
      unwrap(await api.POST('/timebank/service-records', { body })),
    onSuccess: changed,
  });
}

export type RecordDecision = { kind: 'approve' } | { kind: 'reject'; reason: string };

/** 审核通过 (the minutes post from the community's pool) or 不通过 with a reason. */
export function useDecideRecord() {
  const changed = useRecordsChanged();
  return useMutation({
    mutationFn: async ({ recordId, decision }: { recordId: string; decision: RecordDecision }) => {
      const params = { path: { recordId } };
      return decision.kind === 'approve'
        ? unwrap(await api.POST('/timebank/service-records/{recordId}/approval', { params }))
        : unwrap(
            await api.POST('/timebank/service-records/{recordId}/rejection', {
              params,
              body: { reason: decision.reason },
            }),
          );
    },
    onSettled: changed,
  });
}

/** The pool's figures of each month (GET /communities/{id}/timebank/summary?month=). */
export function useTimeBankSummaries(communityId: string | undefined, months: string[]) {
  return useQueries({
    queries: months.map((month) => ({
      queryKey: ['timebank-summary', communityId, month],
      queryFn: async () =>
        unwrap(
          await api.GET('/communities/{communityId}/timebank/summary', {
            params: { path: { communityId: communityId ?? '' }, query: { month } },
          }),
        ),
      enabled: communityId !== undefined,
    })),
  });
}

/** The community's time-bank rules in force (GET /communities/{id}/timebank/rules). */
export function useTimeBankRules(communityId: string | undefined) {
  return useQuery({
    queryKey: ['timebank-rules', communityId],
    queryFn: async () =>
      unwrap(
        await api.GET('/communities/{communityId}/timebank/rules', {
          params: { path: { communityId: communityId ?? '' } },
        }),
      ),
    enabled: communityId !== undefined,
  });
}
