/** Typed errors for lib/profile. The code is what the HTTP/action wrapper maps to a status; the message names the field. */

export type ProfileErrorCode =
  | 'PROFILE_INPUT_INVALID' // template, person or build arguments failed validation (caller's fault → 400)
  | 'PROFILE_SIGNER_INVALID' // signer certificate/key unusable (configuration fault → 500)
  | 'SIGNED_PROFILE_INVALID'; // a signed profile failed to parse or verify

export interface ProfileIssue {
  /** Dotted path of the offending field, e.g. "template.wifi.ssid". */
  path: string;
  message: string;
}

export class ProfileError extends Error {
  readonly code: ProfileErrorCode;
  readonly issues: ProfileIssue[];

  constructor(code: ProfileErrorCode, message: string, issues: ProfileIssue[] = []) {
    super(message);
    this.name = 'ProfileError';
    this.code = code;
    this.issues = issues;
  }
}

/** One error for all issues, message "a.b: msg; c: msg" so a log line or a 400 body names every bad field. */
export function inputError(issues: ProfileIssue[]): ProfileError {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ProfileError('PROFILE_INPUT_INVALID', message, issues);
}
