/**
 * Secrets of a self-service request. The poll token (in the person's status-page URL) is the only key to the request;
 * only its HMAC is stored.
 *
 * When the request is approved, the person needs an enrollment link, but the enrollment token is also stored only as
 * a hash and the approver never sees the poll token. So the link token is derived from the stored poll-token hash
 * under the master key: the approval can set the enrollment's token hash, and the status page (which holds the poll
 * token) can recompute the link. A database dump alone yields neither; with the master key it yields nothing more
 * than the master key already gives (it decrypts the CA key).
 */
import type { MasterKey } from '../../secrets/master-key';
import { randomUrlToken } from '../../secrets/random-secret';

const POLL_PURPOSE = 'enrollment request poll';
const LINK_PURPOSE = 'enrollment request link';

export const newPollToken = (): string => randomUrlToken();

export const hashPollToken = (masterKey: MasterKey, pollToken: string): string => masterKey.hashSecret(pollToken, POLL_PURPOSE);

export const looksLikePollToken = (token: string): boolean => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** The enrollment link token of an approved request (43 base64url characters, like a random link token). */
export function enrollmentTokenForRequest(masterKey: MasterKey, pollTokenHash: string): string {
  return Buffer.from(masterKey.hashSecret(pollTokenHash, LINK_PURPOSE), 'hex').toString('base64url');
}
