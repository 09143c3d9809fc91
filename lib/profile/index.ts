/**
 * Public API of lib/profile: Apple configuration profiles for SCEP enrollment (build, render, sign, verify).
 * Note: build-profile.ts imports `plist` 5, which is ESM-only (no "require" export). Code that runs as CommonJS
 * (tsx CLI, Playwright) should import './verify-signed-profile' / './sign-profile' directly, not this barrel.
 */
export { buildEnrollmentProfile, renderProfilePlist, scepUrlFor, toPlistValue, type BuildEnrollmentProfileInput } from './build-profile';
export { ProfileError, type ProfileErrorCode, type ProfileIssue } from './errors';
export { retryPolicyFor, pendingWindowSeconds, MANUAL_APPROVAL_WINDOW_SECONDS, type ApprovalMode, type RetryPolicy } from './retry-policy';
export { signProfile, type ProfileSigner, type SignProfileOptions } from './sign-profile';
export {
  parseSubjectTemplate,
  renderSubject,
  SubjectTemplateError,
  SUBJECT_PLACEHOLDERS,
  type PlaceholderValues,
  type ScepSubject,
  type ScepSubjectPair,
  type SubjectPlaceholder,
} from './subject-template';
export {
  parseProfileTemplate,
  SAN_PLACEHOLDERS,
  ZEasTemplateSchema,
  ZEnrollmentPersonSchema,
  ZProfileTemplateInputSchema,
  ZSanTemplateSchema,
  ZWifiTemplateSchema,
  type EnrollmentPerson,
  type ProfileTemplate,
  type ProfileTemplateInput,
} from './template-schema';
export * from './types';
export { verifySignedProfile, type VerifiedProfile } from './verify-signed-profile';
// schema-check.ts (reads YAML from disk) is deliberately not re-exported: import it directly from tests/e2e.
