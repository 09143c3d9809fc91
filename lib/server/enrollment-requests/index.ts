/** Self-service enrollment requests: a person asks at /enroll/request, an admin decides, the person's page follows. */
export { approveEnrollmentRequest } from './approve-enrollment-request';
export { listEnrollmentRequests, ZListEnrollmentRequestsSchema, type ListEnrollmentRequestsInput } from './list-enrollment-requests';
export { rejectEnrollmentRequest, ZRejectEnrollmentRequestSchema, type RejectEnrollmentRequestInput } from './reject-enrollment-request';
export { findRequestStatus, type RequestStatusView } from './request-status';
export { REQUEST_STATUSES, type EnrollmentRequestView, type RequestStatus } from './request-view';
export { REQUESTS_PER_ADDRESS, REQUESTS_PER_EMAIL, submitEnrollmentRequest, ZEnrollmentRequestFormSchema, type EnrollmentRequestForm, type SubmittedRequest } from './submit-enrollment-request';
