import type { Translation } from './zh-CN';

/** English, the second language. Typed against the Chinese file, so no key can be missing. */
export const en: Translation = {
  app: {
    name: 'CareCircle',
    shortName: 'CC',
    subtitle: 'Community workbench',
    loading: 'Loading…',
  },
  language: {
    label: 'Language',
    zh: '中文',
    en: 'English',
  },
  menu: {
    home: 'Workbench',
  },
  signIn: {
    title: 'Community staff sign-in',
    email: 'Email',
    emailRequired: 'Please enter your email',
    emailInvalid: 'This is not a valid email address',
    password: 'Password',
    passwordRequired: 'Please enter your password',
    submit: 'Sign in',
    hint: 'Accounts are opened by the platform operator. If you forgot your password, contact the operator.',
    errors: {
      wrongPassword: 'Wrong password. Please try again.',
      userNotFound: 'No account uses this email. Check it or contact the platform operator.',
      invalidCredential: 'Wrong email or password. Please try again.',
      invalidEmail: 'This is not a valid email address.',
      userDisabled: 'This account is disabled. Please contact the platform operator.',
      tooManyRequests: 'Too many attempts. Please try again later.',
      network: 'No network connection. Check it and try again.',
      unknown: 'Sign-in failed. Please try again later.',
    },
  },
  signOut: 'Sign out',
  account: {
    notRegisteredTitle: 'Your account is not set up yet',
    notRegisteredBody:
      'You are signed in ({{email}}), but there is no staff account for you on the platform. Please ask the platform operator to set up your account and assign your communities, then sign in again.',
    notStaffTitle: 'This site is for community staff',
    notStaffBody:
      'Your account ({{roles}}) cannot use the community workbench. Family members and providers use the CareCircle mobile app.',
    loadFailed: 'Could not load your account',
    retry: 'Retry',
  },
  roles: {
    FAMILY: 'Family member',
    PROVIDER: 'Provider',
    VOLUNTEER: 'Volunteer',
    COMMUNITY_WORKER: 'Community worker',
    DISTRICT_OFFICIAL: 'District official',
    ADMIN: 'Platform operator',
  },
  languages: {
    MANDARIN: 'Mandarin',
    MONGOLIAN: 'Mongolian',
  },
  home: {
    welcome: 'Hello, {{name}}',
    role: 'Role',
    communitiesCovered: 'Communities covered',
    communitiesTitle: 'My communities',
    communitiesEmpty: 'You cover no community yet. Please ask the platform operator to assign one.',
    communitiesLoadFailed: 'Could not load the communities',
  },
  community: {
    code: 'Community code',
    region: 'Region code',
    circleLimit: 'Service circle limit',
    circleLimitValue: '{{minutes}} min',
    languages: 'Service languages',
    centre: 'Centre',
    centreValue: '{{lat}}° N, {{lon}}° E',
  },
  problem: {
    network: 'Cannot reach the server. Check the network and try again.',
    status: {
      '400': 'The request is not valid.',
      '401': 'Your session has expired. Please sign in again.',
      '403': 'You may not do this.',
      '404': 'Not found, or not yours to see.',
      '409': 'This cannot be done in the current state.',
      '500': 'The server failed. Please try again later.',
      other: 'The request failed ({{status}}). Please try again later.',
    },
    fieldErrors: 'Please correct the following:',
  },
  notFound: {
    title: 'Page not found',
    body: 'The page you opened does not exist or has moved.',
    backHome: 'Back to the workbench',
  },
  config: {
    loadFailed: 'Could not load the sign-in configuration; the server may not be running.',
  },
};
