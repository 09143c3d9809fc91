/** The SCEP log's explanation table: what the device showed and what to fix, from outcome, failInfo and reason. */
import { describe, expect, it } from 'vitest';
import { APPLE_FAILURE_MESSAGE, explainScepEvent, type ScepEventFacts } from '../../lib/server/dashboard/scep-explanations';

const IPHONE = 'iPhone OS/17.4 (21E219) profiled/1.0 CFNetwork/1494.0.7 Darwin/23.4.0';

const event = (over: Partial<ScepEventFacts>): ScepEventFacts => ({
  operation: 'PKIOperation',
  messageType: 'PKCSReq',
  outcome: 'failure',
  httpStatus: 200,
  failInfo: 'badRequest',
  reason: 'request rejected',
  userAgent: IPHONE,
  ...over,
});

const hintIds = (e: ScepEventFacts) => explainScepEvent(e)?.hints.map((h) => h.id) ?? [];

describe('explainScepEvent', () => {
  it('has nothing to say about a success', () => {
    expect(explainScepEvent(event({ outcome: 'success', failInfo: null, reason: 'issued a certificate' }))).toBeNull();
  });

  it('tells what an iPhone shows for any FAILURE, with the real reason', () => {
    const x = explainScepEvent(event({ reason: 'something odd happened' }))!;
    expect(x.deviceShows).toContain(APPLE_FAILURE_MESSAGE);
    expect(x.deviceShows).toContain('22013');
    expect(x.reason).toBe('something odd happened');
    expect(x.hints.map((h) => h.id)).toEqual(['generic-failure']);
  });

  it('names the failInfo for other clients and still says what Apple devices show', () => {
    const x = explainScepEvent(event({ userAgent: 'sscep/0.10', failInfo: 'badAlg', reason: 'request used an unsupported cipher' }))!;
    expect(x.deviceShows).toContain('failInfo badAlg');
    expect(x.deviceShows).toContain('The SCEP server returned an invalid response');
  });

  it('single DES → enable legacy ciphers in Settings (Debian scepclient / micromdm)', () => {
    const e = event({ failInfo: 'badAlg', reason: 'request used single DES (DES-CBC); enable the legacy-cipher setting to accept it', userAgent: 'Go-http-client/1.1' });
    expect(hintIds(e)).toEqual(['legacy-cipher']);
    const fix = explainScepEvent(e)!.hints[0]!.fix;
    expect(fix).toMatch(/legacy ciphers in Settings/);
    expect(fix).toMatch(/scepclient/);
    expect(fix).toMatch(/micromdm/);
  });

  it('MD5 digest is the same legacy story', () => {
    expect(hintIds(event({ failInfo: 'badAlg', reason: 'request used the MD5 digest (forbidden by RFC 8894); enable the legacy-cipher setting to accept it' }))).toEqual(['legacy-cipher']);
  });

  it('a used challenge → each download mints a new one; download the profile again', () => {
    const e = event({ reason: 'challenge rejected: the one-time challenge was already used by transaction T1 at 2026-01-01T00:00:00.000Z' });
    expect(hintIds(e)).toEqual(['challenge-used']);
    expect(explainScepEvent(e)!.hints[0]!.fix).toMatch(/each profile download mints a new challenge/i);
  });

  it('an expired challenge or an expired pending request → issue a new link or challenge', () => {
    const challenge = event({ reason: 'challenge rejected: the challenge expired at 2026-01-01T00:00:00.000Z' });
    expect(hintIds(challenge)).toEqual(['challenge-expired']);
    expect(explainScepEvent(challenge)!.hints[0]!.fix).toMatch(/new enrollment link or challenge/);
    const pending = event({ reason: 'the pending request expired at 2026-01-01T00:00:00.000Z before an admin decided; enroll again with a new challenge' });
    expect(hintIds(pending)).toEqual(['pending-expired']);
  });

  it('unknown, revoked and missing challenges each get their own fix', () => {
    expect(hintIds(event({ reason: 'challenge rejected: the challenge password is not one Tessera issued (wrong, mistyped, or from another server)' }))).toEqual(['challenge-unknown']);
    expect(hintIds(event({ reason: 'challenge rejected: the challenge was revoked at 2026-01-01T00:00:00.000Z' }))).toEqual(['challenge-revoked']);
    expect(hintIds(event({ reason: 'the CSR carries no challengePassword; this server requires a one-time challenge for new enrollments' }))).toEqual(['challenge-missing']);
    expect(hintIds(event({ reason: 'challenge rejected: the challenge password is not one Tessera issued (wrong, mistyped, or from another server) (12 wrong challenges from 10.0.0.9 in the last 10 minutes: answers are being slowed)' }))).toEqual([
      'challenge-unknown',
      'challenge-throttled',
    ]);
  });

  it('RSA-1024 → set Keysize 2048 in the profile (Apple’s default is 1024)', () => {
    const e = event({ reason: 'key not allowed: RSA-1024 (policy requires RSA with at least 2048 bits; Apple profiles default to 1024 unless Keysize is set)' });
    expect(hintIds(e)).toEqual(['weak-key']);
    expect(explainScepEvent(e)!.hints[0]!.fix).toBe('Set Keysize to 2048 in the profile’s SCEP payload (Apple’s default is 1024).');
  });

  it('PENDING from an Apple device → it gives up after Retries × RetryDelay with "PENDING error 3"', () => {
    const x = explainScepEvent(event({ outcome: 'pending', failInfo: null, reason: 'PKCSReq for "CN=x" is pending approval' }))!;
    expect(x.deviceShows).toMatch(/Retries × RetryDelay/);
    expect(x.deviceShows).toMatch(/PENDING error 3/);
    expect(x.hints.map((h) => h.id)).toEqual(['pending-apple']);
    const other = explainScepEvent(event({ outcome: 'pending', failInfo: null, userAgent: 'sscep/0.10', reason: 'request is still pending approval' }))!;
    expect(other.deviceShows).not.toMatch(/PENDING error 3/);
    expect(other.hints.map((h) => h.id)).toEqual(['pending']);
  });

  it('badMessageCheck → look at proxies and GET escaping', () => {
    const e = event({ failInfo: 'badMessageCheck', reason: 'the request signature does not verify with the signer certificate' });
    expect(hintIds(e)).toEqual(['bad-message-check']);
    expect(explainScepEvent(e)!.hints[0]!.fix).toMatch(/proxies/);
  });

  it('badCertId → a poll for a transaction Tessera never saw', () => {
    const e = event({ messageType: 'CertPoll', failInfo: 'badCertId', reason: 'CertPoll for transaction T9, which Tessera has no request for' });
    expect(hintIds(e)).toEqual(['bad-cert-id']);
  });

  it('an envelope for another CA → reinstall a fresh profile', () => {
    expect(hintIds(event({ reason: 'could not decrypt the request' }))).toEqual(['undecryptable']);
  });

  it('an admin’s rejection is not a device problem', () => {
    expect(hintIds(event({ reason: 'request was rejected by admin:a@example.com: unknown device' }))).toEqual(['rejected-by-admin']);
  });

  it.each([
    [400, 'http-400', /SCEP URL/],
    [405, 'http-405', /GET/],
    [413, 'http-413', /1 MiB/],
    [500, 'http-500', /server log/],
  ])('HTTP %i gets its explanation', (status, id, text) => {
    const e = event({ outcome: 'http-error', httpStatus: status, failInfo: null, reason: 'x', messageType: null });
    const x = explainScepEvent(e)!;
    expect(x.deviceShows).toContain(`HTTP ${status}`);
    expect(x.hints.map((h) => h.id)).toEqual([id]);
    expect(`${x.hints[0]!.cause} ${x.hints[0]!.fix}`).toMatch(text);
  });
});
