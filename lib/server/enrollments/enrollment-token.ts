/**
 * Enrollment link tokens. The token is the only credential for /enroll/{token}: 256 random bits, shown once, stored
 * as an HMAC under the master key (a database dump alone can't be turned into working links).
 */
import type { MasterKey } from '../../secrets/master-key';
import { randomUrlToken } from '../../secrets/random-secret';

const PURPOSE = 'enrollment link';

export const newEnrollmentToken = (): string => randomUrlToken();

export const hashEnrollmentToken = (masterKey: MasterKey, token: string): string => masterKey.hashSecret(token, PURPOSE);

/** Cheap shape check before any database work: random tokens are 43 base64url characters. */
export const looksLikeEnrollmentToken = (token: string): boolean => /^[A-Za-z0-9_-]{20,100}$/.test(token);
