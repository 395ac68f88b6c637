import createClient, { type Middleware } from 'openapi-fetch';
import i18n from 'i18next';
import { currentIdToken } from '../auth/firebase';
import type { paths } from './schema';

/** Same origin: the api serves this site under /admin/ and the API under /api/v1. */
export const API_BASE = '/api/v1';

const authMiddleware: Middleware = {
  async onRequest({ request }) {
    const token = await currentIdToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    request.headers.set('Accept-Language', i18n.language || 'zh-CN');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: API_BASE });
api.use(authMiddleware);
