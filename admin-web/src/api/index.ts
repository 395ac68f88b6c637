export { api, API_BASE } from './client';
export { ApiError, isApiError, unwrap } from './problem';
export type * from './types';
export { useEventStream, useSettled, type StreamState } from './useEventStream';
