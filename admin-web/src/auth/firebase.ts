import { initializeApp, type FirebaseApp } from '@firebase/app';
import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
  type Auth,
} from '@firebase/auth';
import type { ClientConfig } from '../api/types';

let app: FirebaseApp | undefined;
let auth: Auth | undefined;

/**
 * Starts the Firebase JS SDK (auth only) with the configuration the api hands out, once.
 * When the api runs against the Auth emulator, so does the site.
 */
export function initFirebase(config: ClientConfig): Auth {
  if (auth) return auth;
  app = initializeApp({ apiKey: config.firebaseApiKey, projectId: config.firebaseProjectId });
  auth = initializeAuth(app, {
    persistence: [indexedDBLocalPersistence, browserLocalPersistence],
  });
  if (config.authEmulatorUrl) {
    connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
  }
  return auth;
}

export function firebaseAuth(): Auth {
  if (!auth) throw new Error('Firebase is not initialised yet');
  return auth;
}

/** The signed-in user's ID token (refreshed by the SDK when near expiry), or null. */
export async function currentIdToken(): Promise<string | null> {
  const user = auth?.currentUser;
  return user ? user.getIdToken() : null;
}
