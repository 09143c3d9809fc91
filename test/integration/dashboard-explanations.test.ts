/** The SCEP log's explanation table: what the device showed and what to fix, keyed on the event's reason code. */
import { describe, expect, it } from 'vitest';
import { APPLE_FAILURE_MESSAGE, explainScepEvent, type ScepEventFacts } from '../../lib/server/dashboard/scep-explanations';

const IPHONE = 'iPhone OS/17.4 (21E219) profiled/1.0 CFNetwork/1494.0.7 Darwin/23.4.0';

const event = (over: Partial<ScepEventFacts>): ScepEventFacts => ({
  operation: 'PKIOperation',
  messageType: 'PKCSReq',
  outcome: 'failure',
  httpStatus: 200,
  failInfo: 'badRequest',
  reasonCode: null,
  reason: 'request rejected',
  userAgent: IPHONE,
  ...over,
});

const hintIds = (e: ScepEventFacts) => explainScepEvent(e)?.hints.map((h) => h.id) ?? [];

describe('explainScepEvent', () => {
  it('has nothing to say about a success', () => {
    expect(explainScepEvent(event({ outcome: 'success', failInfo: null, reasonCode: 'certificate-issued', reason: 'issued a certificate' }))).toBeNull();
  });

  it('tells what an iPhone shows for any FAILURE, with the real reason', () => {
    const x = explainScepEvent(event({ reasonCode: 'request-failed', reason: 'something odd happened' }))!;
    expect(x.deviceShows).toContain(APPLE_FAILURE_MESSAGE);
    expect(x.deviceShows).toContain('22013');
    expect(x.reason).toBe('something odd happened');
    expect(x.hints.map((h) => h.id)).toEqual(['generic-failure']);
  });

  it('names the failInfo for other clients and still says what Apple devices show', () => {
    const x = explainScepEvent(event({ userAgent: 'sscep/0.10', failInfo: 'badAlg', reasonCode: 'unsupported-algorithm', reason: 'request used an unsupported cipher' }))!;
    expect(x.deviceShows).toContain('failInfo badAlg');
    expect(x.deviceShows).toContain('The SCEP server returned an invalid response');
  });

  it('single DES → enable legacy ciphers in Settings (Debian scepclient / micromdm)', () => {
    const e = event({ failInfo: 'badAlg', reasonCode: 'legacy-algorithm', reason: 'request used single DES (DES-CBC); enable the legacy-cipher setting to accept it', userAgent: 'Go-http-client/1.1' });
    expect(hintIds(e)).toEqual(['legacy-cipher']);
    const fix = explainScepEvent(e)!.hints[0]!.fix;
    expect(fix).toMatch(/legacy ciphers in Settings/);
    expect(fix).toMatch(/scepclient/);
    expect(fix).toMatch(/micromdm/);
  });

  it('MD5 digest is the same legacy story', () => {
    expect(hintIds(event({ failInfo: 'badAlg', reasonCode: 'legacy-algorithm', reason: 'request used the MD5 digest (forbidden by RFC 8894); enable the legacy-cipher setting to accept it' }))).toEqual(['legacy-cipher']);
  });

  it('a used challenge → each download mints a new one; download the profile again', () => {
    const e = event({ reasonCode: 'challenge-used', reason: 'challenge rejected: the one-time challenge was already used by transaction T1 at 2026-01-01T00:00:00.000Z' });
    expect(hintIds(e)).toEqual(['challenge-used']);
    expect(explainScepEvent(e)!.hints[0]!.fix).toMatch(/each profile download mints a new challenge/i);
  });

  it('an expired challenge or an expired pending request → issue a new link or challenge', () => {
    const challenge = event({ reasonCode: 'challenge-expired', reason: 'challenge rejected: the challenge expired at 2026-01-01T00:00:00.000Z' });
    expect(hintIds(challenge)).toEqual(['challenge-expired']);
    expect(explainScepEvent(challenge)!.hints[0]!.fix).toMatch(/new enrollment link or challenge/);
    const pending = event({ reasonCode: 'pending-expired', reason: 'the pending request expired at 2026-01-01T00:00:00.000Z before an admin decided; enroll again with a new challenge' });
    expect(hintIds(pending)).toEqual(['pending-expired']);
  });

  it('unknown, revoked and missing challenges each get their own fix', () => {
    expect(hintIds(event({ reasonCode: 'challenge-unknown', reason: 'challenge rejected: the challenge password is not one Tessera issued' }))).toEqual(['challenge-unknown']);
    expect(hintIds(event({ reasonCode: 'challenge-revoked', reason: 'challenge rejected: the challenge was revoked at 2026-01-01T00:00:00.000Z' }))).toEqual(['challenge-revoked']);
    expect(hintIds(event({ reasonCode: 'challenge-missing', reason: 'the CSR carries no challengePassword' }))).toEqual(['challenge-missing']);
    expect(hintIds(event({ reasonCode: 'challenge-throttled', reason: 'challenge rejected: … (12 wrong challenges from 10.0.0.9 in the last 10 minutes: answers are being slowed)' }))).toEqual(['challenge-throttled']);
  });

  it('RSA-1024 → set Keysize 2048 in the profile (Apple’s default is 1024)', () => {
    const e = event({ reasonCode: 'key-not-allowed', reason: 'key not allowed: RSA-1024 (policy requires RSA with at least 2048 bits; Apple profiles default to 1024 unless Keysize is set)' });
    expect(hintIds(e)).toEqual(['weak-key']);
    expect(explainScepEvent(e)!.hints[0]!.fix).toBe('Set Keysize to 2048 in the profile’s SCEP payload (Apple’s default is 1024).');
  });

  it('PENDING from an Apple device → it gives up after Retries × RetryDelay with "PENDING error 3"', () => {
    const x = explainScepEvent(event({ outcome: 'pending', failInfo: null, reasonCode: 'pending-approval', reason: 'PKCSReq for "CN=x" is pending approval' }))!;
    expect(x.deviceShows).toMatch(/Retries × RetryDelay/);
    expect(x.deviceShows).toMatch(/PENDING error 3/);
    expect(x.hints.map((h) => h.id)).toEqual(['pending-apple']);
    const other = explainScepEvent(event({ outcome: 'pending', failInfo: null, reasonCode: 'pending-approval', userAgent: 'sscep/0.10', reason: 'request is still pending approval' }))!;
    expect(other.deviceShows).not.toMatch(/PENDING error 3/);
    expect(other.hints.map((h) => h.id)).toEqual(['pending']);
  });

  it('badMessageCheck → look at proxies and GET escaping', () => {
    const e = event({ failInfo: 'badMessageCheck', reasonCode: 'message-check-failed', reason: 'the request signature does not verify with the signer certificate' });
    expect(hintIds(e)).toEqual(['bad-message-check']);
    expect(explainScepEvent(e)!.hints[0]!.fix).toMatch(/proxies/);
  });

  it('badCertId → a poll for a transaction Tessera never saw', () => {
    const e = event({ messageType: 'CertPoll', failInfo: 'badCertId', reasonCode: 'poll-unknown-transaction', reason: 'CertPoll for transaction T9, which Tessera has no request for' });
    expect(hintIds(e)).toEqual(['bad-cert-id']);
  });

  it('an envelope for another CA → reinstall a fresh profile; an unreadable one → look for corruption', () => {
    expect(hintIds(event({ reasonCode: 'not-for-this-ca', reason: "… it is not encrypted to this CA's certificate" }))).toEqual(['other-ca']);
    expect(hintIds(event({ reasonCode: 'undecryptable', reason: 'the request could not be decrypted or read: …' }))).toEqual(['unreadable']);
  });

  it('an admin’s rejection is not a device problem', () => {
    expect(hintIds(event({ reasonCode: 'rejected-by-admin', reason: 'request was rejected by admin:a@example.com: unknown device' }))).toEqual(['rejected-by-admin']);
  });

  it('keys on the code, not on the English reason', () => {
    expect(hintIds(event({ reasonCode: 'challenge-used', reason: 'wording changed entirely' }))).toEqual(['challenge-used']);
    expect(hintIds(event({ reasonCode: 'request-failed', reason: 'challenge rejected: the one-time challenge was already used' }))).toEqual(['generic-failure']);
  });

  it('explains rows logged before reason codes existed from failInfo and the HTTP status', () => {
    expect(hintIds(event({ failInfo: 'badMessageCheck', reason: 'x' }))).toEqual(['bad-message-check']);
    expect(hintIds(event({ reason: 'x' }))).toEqual(['generic-failure']);
  });

  it.each([
    [400, 'http-400', /SCEP URL/],
    [405, 'http-405', /GET/],
    [413, 'http-413', /1 MiB/],
    [500, 'http-500', /server log/],
  ])('HTTP %i gets its explanation', (status, id, text) => {
    const e = event({ outcome: 'http-error', httpStatus: status, failInfo: null, reason: 'x', messageType: null });
    const codes: Record<number, string> = { 400: 'unknown-operation', 405: 'method-not-allowed', 413: 'body-too-large', 500: 'internal-error' };
    expect(hintIds({ ...e, reasonCode: codes[status]! })).toEqual([id]);
    const x = explainScepEvent(e)!;
    expect(x.deviceShows).toContain(`HTTP ${status}`);
    expect(x.hints.map((h) => h.id)).toEqual([id]);
    expect(`${x.hints[0]!.cause} ${x.hints[0]!.fix}`).toMatch(text);
  });
});
