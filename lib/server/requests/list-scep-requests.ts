import { z } from 'zod';
import { pendingWindowSeconds, retryPolicyFor } from '../../profile/retry-policy';
import type { Db } from '../../store/prisma';
import { ZPageSchema, skipTake, type Page } from '../pagination';
import type { Deps } from '../deps';
import { readStoredIdentity, type Identity } from '../scep/identity/identity';

export const ZListRequestsSchema = ZPageSchema.extend({ status: z.enum(['pending', 'issued', 'rejected', 'failed', 'expired']).optional() });

/** iOS/iPadOS/macOS SCEP clients (profiled, mdmclient) identify themselves through CFNetwork/Darwin user agents. */
export const isAppleClient = (ua: string | null): boolean => !!ua && /(iPhone|iPad|iOS|Macintosh|Mac OS|CFNetwork|Darwin|profiled|mdmclient)/i.test(ua);

/** Non-Apple clients that stop polling for this long are shown as abandoned (sscep polls every 5 min). */
const NON_APPLE_SILENCE_MS = 60 * 60_000;
const APPLE_GRACE_MS = 60_000;

export interface ScepRequestView {
  id: string;
  transactionId: string;
  messageType: string;
  status: 'pending' | 'issued' | 'rejected' | 'failed' | 'expired';
  /** What the CSR asked for. */
  subject: string;
  sans: { type: string; value: string }[];
  /** What Tessera issues (issued, or on approval), and what decided it. */
  identity: Identity | null;
  identitySource: 'enrollment' | 'challenge' | 'identity-policy' | 'renewal' | null;
  renewalOfSerial: string | null;
  key: string;
  clientAddress: string | null;
  userAgent: string | null;
  appleClient: boolean;
  challengeNote: string | null;
  createdAt: string;
  lastPolledAt: string | null;
  pollCount: number;
  expiresAt: string | null;
  /** Until when the device keeps polling (Apple: its profile's Retries × RetryDelay). */
  windowEndsAt: string | null;
  /** Pending, but the device has (most likely) stopped polling: approving now will not reach it. */
  abandoned: boolean;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  certificateSerial: string | null;
}

type Row = Awaited<ReturnType<typeof findRows>>[number];

const findRows = (db: Db, where: object, page: { skip: number; take: number }) =>
  db.scepRequest.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    include: { challengeUsedBy: { select: { note: true, enrollmentId: true, identityKey: true } }, certificate: { select: { serial: true } } },
    ...page,
  });

function identitySource(r: Row): ScepRequestView['identitySource'] {
  if (r.renewalOfSerial) return 'renewal';
  if (!r.challengeUsedBy) return null;
  if (r.challengeUsedBy.enrollmentId) return 'enrollment';
  return r.challengeUsedBy.identityKey ? 'challenge' : 'identity-policy';
}

export function scepRequestView(r: Row, now = new Date()): ScepRequestView {
  const apple = isAppleClient(r.userAgent);
  const appleWindowMs = pendingWindowSeconds(retryPolicyFor('manual')) * 1000;
  const windowEnds = apple ? new Date(r.createdAt.getTime() + appleWindowMs) : r.expiresAt;
  const lastSeen = (r.lastPolledAt ?? r.createdAt).getTime();
  const abandoned =
    r.status === 'PENDING' &&
    (apple ? now.getTime() > r.createdAt.getTime() + appleWindowMs + APPLE_GRACE_MS : now.getTime() - lastSeen > NON_APPLE_SILENCE_MS);
  return {
    id: r.id,
    transactionId: r.transactionId,
    messageType: r.messageType,
    status: r.status.toLowerCase() as ScepRequestView['status'],
    subject: r.subject,
    sans: (r.sans as { type: string; value: string }[]) ?? [],
    identity: readStoredIdentity(r.identity),
    identitySource: identitySource(r),
    renewalOfSerial: r.renewalOfSerial,
    key: `${r.keyType}-${r.keyBits}`,
    clientAddress: r.clientAddress,
    userAgent: r.userAgent,
    appleClient: apple,
    challengeNote: r.challengeUsedBy?.note ?? null,
    createdAt: r.createdAt.toISOString(),
    lastPolledAt: r.lastPolledAt?.toISOString() ?? null,
    pollCount: r.pollCount,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    windowEndsAt: windowEnds?.toISOString() ?? null,
    abandoned,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionReason: r.decisionReason,
    certificateSerial: r.certificate?.serial ?? null,
  };
}

export async function listScepRequests({ db }: Deps<'db'>, input: z.input<typeof ZListRequestsSchema> = {}): Promise<Page<ScepRequestView>> {
  const q = ZListRequestsSchema.parse(input);
  const where = q.status ? { status: q.status.toUpperCase() as 'PENDING' } : {};
  const [rows, total] = await Promise.all([findRows(db, where, skipTake(q)), db.scepRequest.count({ where })]);
  const now = new Date();
  return { items: rows.map((r) => scepRequestView(r, now)), page: q.page, pageSize: q.pageSize, total };
}

export async function getScepRequest({ db }: Deps<'db'>, { id }: { id: string }): Promise<ScepRequestView | null> {
  const rows = await findRows(db, { id }, { skip: 0, take: 1 });
  return rows[0] ? scepRequestView(rows[0]) : null;
}
