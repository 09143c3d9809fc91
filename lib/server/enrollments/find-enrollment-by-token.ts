/** What /enroll/{token} needs to know about a link, looked up by its token alone. */
import type { Runtime } from '../runtime';
import { templateConfig } from '../templates/template-view';
import { enrollmentState, type EnrollmentState } from './enrollment-state';
import { hashEnrollmentToken, looksLikeEnrollmentToken } from './enrollment-token';

export interface EnrollmentLink {
  id: string;
  state: EnrollmentState;
  email: string;
  displayName: string | null;
  organization: string;
  /** The device's certificate request waits for an admin (the install sheet then waits up to ~10 minutes). */
  manualApproval: boolean;
  /** What the profile will install, for the landing page. */
  includes: { exchangeHost: string | null; wifiSsid: string | null };
  expiresAt: Date;
  downloadsLeft: number;
}

export async function findEnrollmentByToken(runtime: Runtime, { token, now = new Date() }: { token: string; now?: Date }): Promise<EnrollmentLink | null> {
  if (!looksLikeEnrollmentToken(token)) return null;
  const row = await runtime.db.enrollment.findUnique({ where: { tokenHash: hashEnrollmentToken(runtime.masterKey, token) }, include: { template: true } });
  if (!row) return null;
  const config = templateConfig(row.template);
  return {
    id: row.id,
    state: enrollmentState(row, now),
    email: row.email,
    displayName: row.displayName,
    organization: config.organization,
    manualApproval: row.approval === 'MANUAL',
    includes: { exchangeHost: config.eas?.host ?? null, wifiSsid: config.wifi?.ssid ?? null },
    expiresAt: row.expiresAt,
    downloadsLeft: Math.max(0, row.maxDownloads - row.downloads),
  };
}
