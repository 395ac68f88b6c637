import type { TFunction } from 'i18next';
import { isApiError } from '../api/problem';

/**
 * The api's stable problem types (common/ProblemType) that the site words in the reader's language;
 * a type not listed here is shown with the title the api sent.
 */
const KNOWN_TYPES = [
  'validation-failed',
  'malformed-request',
  'unauthenticated',
  'forbidden',
  'not-found',
  'duplicate',
  'illegal-state',
  'assignment-not-allowed',
  'offer-taken',
  'follow-up-closed',
  'payment-case-handled',
  'follow-up-incomplete',
  'unprocessable',
  'too-many-requests',
  'service-unavailable',
  'internal-error',
] as const;
type KnownType = (typeof KNOWN_TYPES)[number];

function knownType(typeUri: string): KnownType | undefined {
  const slug = typeUri.slice(typeUri.lastIndexOf('/') + 1);
  return KNOWN_TYPES.find((known) => known === slug);
}

/** One line that says what went wrong, for any error an API call can raise. */
export function problemMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.problem) {
      const known = knownType(error.problem.type);
      return known ? t(`problem.type.${known}`) : error.problem.title;
    }
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
