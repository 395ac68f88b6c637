import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api';

export const meQueryKey = (uid: string) => ['me', uid] as const;

/** The signed-in account (GET /me), cached per Firebase user. */
export function useMe(uid: string) {
  return useQuery({
    queryKey: meQueryKey(uid),
    queryFn: async () => unwrap(await api.GET('/me')),
    retry: false,
  });
}
