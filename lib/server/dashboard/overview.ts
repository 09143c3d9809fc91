/** The dashboard's first page: what needs attention now. */
import { challengeStateWhere } from '../../store/challenges';
import { certificateView, type CertificateView } from '../certificates/certificates';
import { scepEventView, type ScepEventView } from './scep-log';
import type { Deps } from '../deps';

const DAY_MS = 86_400_000;
export const EXPIRY_HORIZON_DAYS = 30;
const FAILURE_OUTCOMES = ['failure', 'http-error'];

export interface Overview {
  counts: {
    activeCertificates: number;
    pendingRequests: number;
    pendingEnrollmentRequests: number;
    challengesInUse: number;
    scepFailures24h: number;
    expiringSoon: number;
  };
  expiringSoon: CertificateView[];
  latestFailures: ScepEventView[];
}

export async function getOverview({ db }: Deps<'db'>, { now = new Date(), ...opts }: { now?: Date; listLimit?: number } = {}): Promise<Overview> {
  const take = opts.listLimit ?? 8;
  const horizon = new Date(now.getTime() + EXPIRY_HORIZON_DAYS * DAY_MS);
  const expiringWhere = { status: 'VALID' as const, notAfter: { gt: now, lte: horizon } };
  const failuresWhere = { outcome: { in: FAILURE_OUTCOMES }, createdAt: { gte: new Date(now.getTime() - DAY_MS) } };
  const [activeCertificates, pendingRequests, pendingEnrollmentRequests, challengesInUse, scepFailures24h, expiringCount, expiring, failures] =
    await Promise.all([
      db.certificate.count({ where: { status: 'VALID', notAfter: { gt: now } } }),
      db.scepRequest.count({ where: { status: 'PENDING', OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
      db.enrollmentRequest.count({ where: { status: 'PENDING' } }),
      db.challenge.count({ where: challengeStateWhere('unused', now) }),
      db.scepEvent.count({ where: failuresWhere }),
      db.certificate.count({ where: expiringWhere }),
      db.certificate.findMany({ where: expiringWhere, orderBy: { notAfter: 'asc' }, take }),
      db.scepEvent.findMany({ where: { outcome: { in: FAILURE_OUTCOMES } }, orderBy: { createdAt: 'desc' }, take }),
    ]);
  return {
    counts: { activeCertificates, pendingRequests, pendingEnrollmentRequests, challengesInUse, scepFailures24h, expiringSoon: expiringCount },
    expiringSoon: expiring.map((c) => certificateView(c, now)),
    latestFailures: failures.map(scepEventView),
  };
}
