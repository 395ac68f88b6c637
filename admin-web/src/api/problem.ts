import type { Problem } from './types';

/**
 * A failed API call. When the server answered with an RFC 9457 problem, `problem` holds it;
 * otherwise (network failure, a proxy's HTML page) it is undefined and `status` says what we know.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined, message?: string) {
    super(message ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** True when the problem's stable type URI ends with the given name, e.g. `account-not-registered`. */
  hasType(name: string): boolean {
    return this.problem?.type.endsWith(`/${name}`) === true || this.problem?.type === name;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.type === 'string' && typeof candidate.title === 'string';
}

/** Turns an openapi-fetch result into its data, or throws an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  const { data, error, response } = result;
  if (response.ok && data !== undefined) return data;
  throw new ApiError(response.status, isProblem(error) ? error : undefined);
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
