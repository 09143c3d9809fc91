/** Enrollment links: one person, one token, a fresh signed profile (and one-time challenge) per download. */
export { createEnrollment, DEFAULT_ENROLLMENT_TTL_SECONDS, DEFAULT_MAX_DOWNLOADS, ZCreateEnrollmentSchema, type CreateEnrollmentInput, type CreatedEnrollment } from './create-enrollment';
export { ENROLLMENT_STATES, enrollmentState, type EnrollmentState } from './enrollment-state';
export { toEnrollmentView, type EnrollmentView } from './enrollment-view';
export { findEnrollmentByToken, type EnrollmentLink } from './find-enrollment-by-token';
export { getEnrollment } from './get-enrollment';
export { listEnrollments, ZListEnrollmentsSchema, type ListEnrollmentsInput } from './list-enrollments';
export { deviceKindFromUserAgent, type DeviceKind } from './device-kind';
export { publicBaseUrl, enrollUrlFor, profileUrlFor } from './public-url';
export { revokeEnrollment } from './revoke-enrollment';
// issue-enrollment-profile.ts / profile-response.ts pull in `plist` (ESM-only): import them directly from route handlers.
