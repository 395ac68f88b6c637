import type { TFunction } from 'i18next';
import { isApiError } from '../api/problem';

/** One line that says what went wrong, for any error an API call can raise. */
export function problemMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.problem) return error.problem.title;
    switch (error.status) {
      case 400:
      case 401:
      case 403:
      case 404:
      case 409:
      case 500:
        return t(`problem.status.${error.status}`);
      default:
        return t('problem.status.other', { status: error.status });
    }
  }
  return t('problem.network');
}
