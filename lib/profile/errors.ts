/** Typed errors for lib/profile. The code is what the HTTP/action wrapper maps to a status; the message names the field. */
import { CodedError } from '../pki/errors';

export type ProfileErrorCode =
  | 'PROFILE_INPUT_INVALID' // template, person or build arguments failed validation (caller's fault → 400)
  | 'PROFILE_SIGNER_INVALID'; // signer certificate/key unusable (configuration fault → 500)

export interface ProfileIssue {
  /** Dotted path of the offending field, e.g. "template.wifi.ssid". */
  path: string;
  message: string;
}

export class ProfileError extends CodedError<ProfileErrorCode> {
  constructor(
    code: ProfileErrorCode,
    message: string,
    readonly issues: ProfileIssue[] = [],
  ) {
    super(code, message);
  }
}

/** One error for all issues, message "a.b: msg; c: msg" so a log line or a 400 body names every bad field. */
export function inputError(issues: ProfileIssue[]): ProfileError {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ProfileError('PROFILE_INPUT_INVALID', message, issues);
}
