import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';
import type { CallOutcome, Finding, FollowUpStatus, RatingLevel } from '../api';

export interface FollowUpFilters {
  communityId?: string;
  status?: FollowUpStatus;
  overdue?: boolean;
}

/** 差评回访 of the caller's communities, earliest due first; `page` is zero-based. */
export function useFollowUps(filters: FollowUpFilters, page: number, size: number) {
  return useQuery({
    queryKey: ['follow-ups', filters, page, size],
    queryFn: async () =>
      unwrap(await api.GET('/follow-ups', { params: { query: { ...filters, page, size } } })),
    placeholderData: keepPreviousData,
  });
}

export function useFollowUp(caseId: string | null) {
  return useQuery({
    queryKey: ['follow-up', caseId],
    queryFn: async () =>
      unwrap(await api.GET('/follow-ups/{caseId}', { params: { path: { caseId: caseId ?? '' } } })),
    enabled: caseId !== null,
  });
}

export type FollowUpAction =
  | { kind: 'call'; outcome: CallOutcome; note?: string }
  | { kind: 'finding'; finding: Finding; remedy?: string }
  | { kind: 'close'; handlingLevel?: RatingLevel; note?: string }
  | { kind: 'appeal'; ratingId: string; accepted: boolean; reason: string };

/** Each step of a case; the queue and the open case refresh afterwards. */
export function useFollowUpAction(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: FollowUpAction) => {
      const path = { caseId };
      switch (action.kind) {
        case 'call':
          return unwrap(
            await api.POST('/follow-ups/{caseId}/calls', {
              params: { path },
              body: { outcome: action.outcome, note: action.note },
            }),
          );
        case 'finding':
          return unwrap(
            await api.POST('/follow-ups/{caseId}/finding', {
              params: { path },
              body: { finding: action.finding, remedy: action.remedy },
            }),
          );
        case 'close':
          return unwrap(
            await api.POST('/follow-ups/{caseId}/closure', {
              params: { path },
              body: { handlingLevel: action.handlingLevel, note: action.note },
            }),
          );
        case 'appeal':
          unwrap(
            await api.POST('/ratings/{ratingId}/appeal/decision', {
              params: { path: { ratingId: action.ratingId } },
              body: { accepted: action.accepted, reason: action.reason },
            }),
          );
          return unwrap(await api.GET('/follow-ups/{caseId}', { params: { path } }));
      }
    },
    onSuccess: (followUp) => {
      queryClient.setQueryData(['follow-up', caseId], followUp);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['follow-ups'] }),
  });
}
