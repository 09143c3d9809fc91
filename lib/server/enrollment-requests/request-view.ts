/** A self-service request as admins see it (API, dashboard). The person's own page uses request-status.ts instead. */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface EnrollmentRequestRow {
  id: string;
  name: string;
  email: string;
  reason: string | null;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  clientAddress: string | null;
  userAgent: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  enrollmentId: string | null;
  createdAt: Date;
}

export interface EnrollmentRequestView {
  id: string;
  name: string;
  email: string;
  reason: string | null;
  status: RequestStatus;
  clientAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  enrollmentId: string | null;
}

export const toRequestStatus = (s: EnrollmentRequestRow['status']): RequestStatus => s.toLowerCase() as RequestStatus;
export const fromRequestStatus = (s: RequestStatus): EnrollmentRequestRow['status'] => s.toUpperCase() as EnrollmentRequestRow['status'];

export function toEnrollmentRequestView(row: EnrollmentRequestRow): EnrollmentRequestView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    reason: row.reason,
    status: toRequestStatus(row.status),
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    enrollmentId: row.enrollmentId,
  };
}
