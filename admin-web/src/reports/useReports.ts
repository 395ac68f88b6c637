import { useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../api';

export interface ReportScope {
  month: string;
  communityId?: string;
  regionCode?: string;
}

/** The monthly report as JSON (GET /reports/monthly). */
export function useMonthlyReport(scope: ReportScope, enabled: boolean) {
  return useQuery({
    queryKey: ['report', scope],
    queryFn: async () => unwrap(await api.GET('/reports/monthly', { params: { query: scope } })),
    enabled,
  });
}

/**
 * Downloads the report as a file: fetched with the signed-in user's token (a plain link cannot send
 * it), then handed to the browser as a download.
 */
export async function downloadReport(scope: ReportScope, format: 'csv' | 'xlsx'): Promise<void> {
  const { data, response } = await api.GET('/reports/monthly/export', {
    params: { query: { ...scope, format } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) {
    throw new ApiError(response.status, undefined);
  }
  const name =
    /filename\*=UTF-8''([^;]+)/i.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ??
    encodeURIComponent(`report-${scope.month}.${format}`);
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
