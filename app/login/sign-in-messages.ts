/**
 * next-auth v4 reports sign-in problems as an `error` code (or, for an exception thrown in authorize(), its message).
 * Only known values are shown; anything else in the URL becomes a generic message, so the page never echoes
 * attacker-chosen text.
 */
export const THROTTLED_MESSAGE = 'Too many failed sign-ins. Try again in 15 minutes.';

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong e-mail or password.',
  [THROTTLED_MESSAGE]: THROTTLED_MESSAGE,
  NotAnAdmin: 'Your single sign-on account is not a Tessera admin. Ask an admin to add your e-mail address.',
  EmailNotVerified: 'Your identity provider has not verified the e-mail address of your account, so Tessera cannot use it to sign you in.',
  AccessDenied: 'Access denied.',
  SessionRequired: 'Please sign in to continue.',
  OAuthSignin: 'Single sign-on could not start. Try again, or sign in with your password.',
  OAuthCallback: 'Single sign-on failed. Try again, or sign in with your password.',
  Callback: 'Single sign-on failed. Try again, or sign in with your password.',
  OAuthAccountNotLinked: 'Single sign-on failed. Try again, or sign in with your password.',
};

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? 'Sign-in failed. Please try again.';
}
