import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api';

/** The communities the signed-in worker covers (GET /communities). */
export function useCommunities() {
  return useQuery({
    queryKey: ['communities'],
    queryFn: async () => unwrap(await api.GET('/communities')),
  });
}
