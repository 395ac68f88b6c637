import type { ParseKeys } from 'i18next';

/** Maps a Firebase Auth error code to the message a worker should read. */
export function signInErrorKey(error: unknown): ParseKeys {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'auth/wrong-password':
      return 'signIn.errors.wrongPassword';
    case 'auth/user-not-found':
      return 'signIn.errors.userNotFound';
    case 'auth/invalid-credential':
    case 'auth/invalid-login-credentials':
      return 'signIn.errors.invalidCredential';
    case 'auth/invalid-email':
      return 'signIn.errors.invalidEmail';
    case 'auth/user-disabled':
      return 'signIn.errors.userDisabled';
    case 'auth/too-many-requests':
      return 'signIn.errors.tooManyRequests';
    case 'auth/network-request-failed':
      return 'signIn.errors.network';
    default:
      return 'signIn.errors.unknown';
  }
}
