/** An enrollment as the API, CLI and dashboard see it. Never includes the token (only its hash is stored). */
import { enrollmentState, type EnrollmentState } from './enrollment-state';

export interface EnrollmentRow {
  id: string;
  email: string;
  username: string | null;
  displayName: string | null;
  templateId: string;
  approval: 'AUTO' | 'MANUAL';
  status: 'ACTIVE' | 'USED' | 'REVOKED';
  maxDownloads: number;
  downloads: number;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastDownloadAt: Date | null;
  template?: { name: string };
  _count?: { certificates: number };
}

export interface EnrollmentView {
  id: string;
  email: string;
  username: string | null;
  displayName: string | null;
  template: { id: string; name: string | null };
  approval: 'auto' | 'manual';
  state: EnrollmentState;
  downloads: number;
  maxDownloads: number;
  certificates: number | null;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  lastDownloadAt: string | null;
  revokedAt: string | null;
}

/** Prisma `include` that fills the optional parts of EnrollmentRow. */
export const ENROLLMENT_VIEW_INCLUDE = { template: { select: { name: true } }, _count: { select: { certificates: true } } } as const;

export function toEnrollmentView(row: EnrollmentRow, now = new Date()): EnrollmentView {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    displayName: row.displayName,
    template: { id: row.templateId, name: row.template?.name ?? null },
    approval: row.approval === 'MANUAL' ? 'manual' : 'auto',
    state: enrollmentState(row, now),
    downloads: row.downloads,
    maxDownloads: row.maxDownloads,
    certificates: row._count?.certificates ?? null,
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastDownloadAt: row.lastDownloadAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
