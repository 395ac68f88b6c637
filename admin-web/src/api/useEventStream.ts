import {
  EventStreamContentType,
  fetchEventSource,
  type EventSourceMessage,
} from '@microsoft/fetch-event-source';
import i18n from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { currentIdToken } from '../auth/firebase';
import { API_BASE } from './client';

/** connecting: not (yet, or again) receiving; live: the stream is open; closed: the api refused it. */
export type StreamState = 'connecting' | 'live' | 'closed';

/** The api refused the stream (401, 403, 404): asking again will not help. */
class RefusedError extends Error {}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

/** Every attempt signs in afresh: an ID token lasts an hour, a stream may last the whole day. */
async function authorisedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  const token = await currentIdToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  headers.set('Accept-Language', i18n.language || 'zh-CN');
  return fetch(input, { ...init, headers });
}

/**
 * Reads a server-sent-events stream of the api (`path` under /api/v1; null reads nothing). The
 * browser's EventSource cannot send the ID token, so this reads the stream with fetch. It
 * reconnects with a growing pause when the connection drops, stays shut while the tab is hidden
 * and reopens when it is shown again; `onOpen` runs on every (re)connection, so that the caller
 * can catch up on what it missed meanwhile.
 */
export function useEventStream(
  path: string | null,
  onEvent: (event: EventSourceMessage) => void,
  onOpen?: () => void,
): StreamState {
  // the state of the stream of `path`: a new path starts as connecting without a reset in the effect
  const [current, setCurrent] = useState<{ path: string | null; state: StreamState }>({
    path,
    state: 'connecting',
  });
  // the latest callbacks, without reconnecting when they change
  const handlers = useRef({ onEvent, onOpen });
  useEffect(() => {
    handlers.current = { onEvent, onOpen };
  });

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    let retry = FIRST_RETRY_MS;
    const setState = (state: StreamState) => {
      setCurrent({ path, state });
    };
    fetchEventSource(`${API_BASE}${path}`, {
      signal: controller.signal,
      fetch: authorisedFetch,
      headers: { Accept: EventStreamContentType },
      onopen: (response) => {
        const type = response.headers.get('content-type') ?? '';
        if (response.ok && type.startsWith(EventStreamContentType)) {
          retry = FIRST_RETRY_MS;
          setState('live');
          handlers.current.onOpen?.();
          return Promise.resolve();
        }
        const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
        const failure = `HTTP ${response.status.toString()}`;
        return Promise.reject(refused ? new RefusedError(failure) : new Error(failure));
      },
      onmessage: (event) => {
        handlers.current.onEvent(event);
      },
      onclose: () => {
        // the server ended the stream (a restart, a deploy): connect again
        throw new Error('stream closed');
      },
      onerror: (error: unknown) => {
        if (error instanceof RefusedError) {
          setState('closed');
          throw error;
        }
        setState('connecting');
        const wait = retry;
        retry = Math.min(retry * 2, MAX_RETRY_MS);
        return wait;
      },
    }).catch(() => {
      // refused, or aborted on unmount: nothing more to read
    });
    return () => {
      controller.abort();
    };
  }, [path]);

  if (path === null) return 'closed';
  return current.path === path ? current.state : 'connecting';
}

/**
 * A function that runs `action` once events stop coming for `quietMs`: a burst of events (a
 * stream's replay on connecting, a busy minute on the board) asks the api again once, not once
 * per event.
 */
export function useSettled(action: () => void, quietMs = 300): () => void {
  const latest = useRef(action);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
    },
    [],
  );
  return () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      latest.current();
    }, quietMs);
  };
}
