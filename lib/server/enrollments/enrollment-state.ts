/**
 * The state a person or admin sees. USED and REVOKED are stored (the download claim flips ACTIVE → USED when the
 * last allowed download is taken); "expired" is derived from the clock so no job has to sweep the table.
 */
import type { Prisma } from '../../store/prisma';

export const ENROLLMENT_STATES = ['active', 'used', 'expired', 'revoked'] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];

export function enrollmentState(row: { status: 'ACTIVE' | 'USED' | 'REVOKED'; expiresAt: Date }, now: Date): EnrollmentState {
  if (row.status === 'REVOKED') return 'revoked';
  if (row.status === 'USED') return 'used';
  return row.expiresAt <= now ? 'expired' : 'active';
}

export function enrollmentStateWhere(state: EnrollmentState, now: Date): Prisma.EnrollmentWhereInput {
  switch (state) {
    case 'revoked':
      return { status: 'REVOKED' };
    case 'used':
      return { status: 'USED' };
    case 'expired':
      return { status: 'ACTIVE', expiresAt: { lte: now } };
    case 'active':
      return { status: 'ACTIVE', expiresAt: { gt: now } };
  }
}
