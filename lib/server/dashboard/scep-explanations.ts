/**
 * What an admin needs when a device says only "invalid response": for one SCEP log row, what the device showed and
 * what to change. The SCEP protocol answers FAILURE in-band with a bare failInfo (RFC 8894 §3.2.1.4.5); the real
 * cause lives in the log's `reasonCode` and `reason`, and this table turns the code into a fix.
 */
import { isScepReasonCode, type ScepReasonCode } from '../../scep/reason-codes';
import { isAppleClient } from '../requests/list-scep-requests';

export interface ScepEventFacts {
  operation: string;
  messageType: string | null;
  outcome: string;
  httpStatus: number;
  failInfo: string | null;
  /** The stable code (null on rows logged before codes existed); the hints key on it. */
  reasonCode: string | null;
  reason: string;
  userAgent: string | null;
}

export interface ScepHint {
  id: string;
  /** One sentence: what went wrong. */
  cause: string;
  /** One sentence: what to do about it. */
  fix: string;
}

export interface ScepExplanation {
  /** What the device (or client) shows its user. */
  deviceShows: string;
  /** The server's own reason, as logged. */
  reason: string;
  hints: ScepHint[];
}

/** iOS/iPadOS/macOS answer to any SCEP FAILURE: the profile install stops with this generic message. */
export const APPLE_FAILURE_MESSAGE = '"The SCEP server returned an invalid response" (MCSCEPErrorDomain error 22013)';

type HintText = Omit<ScepHint, 'id'>;

const HINTS = {
  'legacy-cipher': {
    cause: 'The client encrypted with single DES or signed with MD5, which RFC 8894 forbids and Tessera refuses by default.',
    fix: 'For old clients (Debian’s scepclient, micromdm’s scepclient builds) enable legacy ciphers in Settings → SCEP policy; better, update the client so it uses AES and SHA-256.',
  },
  'challenge-used': {
    cause: 'The one-time challenge in this profile had already been used by another request.',
    fix: 'Each profile download mints a new challenge: download the profile again (or create a new challenge) and install that one.',
  },
  'challenge-expired': {
    cause: 'The challenge in the profile had expired before the device enrolled.',
    fix: 'Issue a new enrollment link or challenge, and install the profile soon after downloading it.',
  },
  'challenge-revoked': { cause: 'An admin revoked the challenge in this profile.', fix: 'Issue a new enrollment link or challenge if this device should enroll.' },
  'challenge-unknown': {
    cause: 'The challenge password is not one this server issued: mistyped, copied wrongly, or meant for another SCEP server.',
    fix: 'Check the profile’s SCEP URL and Challenge; create a new challenge here and paste it exactly.',
  },
  'challenge-throttled': {
    cause: 'This address sent many wrong challenges in a short time; Tessera is slowing its answers. The reason above says what was wrong with this one.',
    fix: 'Find the device or script that keeps retrying with a wrong challenge and stop it.',
  },
  'challenge-missing': {
    cause: 'The request has no challenge password, and new enrollments need one.',
    fix: 'Add a Challenge to the profile’s SCEP payload (enrollment links do this for you).',
  },
  'pending-expired': {
    cause: 'The request waited for approval longer than the pending time limit and expired.',
    fix: 'Issue a new link or challenge so the device can enroll again, and approve it sooner (or raise “pending TTL” in Settings).',
  },
  'weak-key': { cause: 'The device generated a key that is too small for the policy.', fix: 'Set Keysize to 2048 in the profile’s SCEP payload (Apple’s default is 1024).' },
  'rejected-by-admin': {
    cause: 'An admin rejected this request in the dashboard.',
    fix: 'Nothing to fix on the device. If it should get a certificate, send the person a new enrollment link.',
  },
  'identity-mismatch': {
    cause: 'The request asked for a name its challenge does not allow: the challenge belongs to one person or device, and the request named someone or something else.',
    fix: 'A device installing its own profile never does this. Treat it as misuse of that person’s challenge (revoke the enrollment link and talk to them), or re-create the challenge for the identity the client must have.',
  },
  'identity-policy': {
    cause: 'The challenge names no identity, and the identity policy refuses the names the request asked for.',
    fix: 'Create the challenge with the subject and SANs the device needs (API, CLI --subject/--san, or the form), or allow these names in Settings → SCEP policy → Identity policy.',
  },
  'unsafe-name': {
    cause: 'The request’s names cannot go into a certificate: control characters, invalid Unicode, oversized names or too many SANs.',
    fix: 'Fix the client’s subject and SAN settings; a relying party could read such a name as someone else’s.',
  },
  'renewal-window': {
    cause: 'The certificate asked to be renewed before its renewal window opened.',
    fix: 'The client should renew later (the reason says when), or the window can be widened in Settings → SCEP policy.',
  },
  'renewal-superseded': {
    cause: 'This certificate was already renewed and is superseded: a certificate renews once.',
    fix: 'The client must renew with its newest certificate. If it lost that one, enroll it again with a new challenge.',
  },
  'renewal-identity': {
    cause: 'A renewal asked for names other than those of the certificate being renewed.',
    fix: 'Renewal keeps the identity. For a different identity, enroll with a new challenge created for it.',
  },
  renewal: {
    cause: 'A renewal request could not be accepted (unknown, revoked or expired certificate, reused key, or renewal turned off).',
    fix: 'Enroll the device again with a new challenge.',
  },
  'other-ca': {
    cause: 'The request was encrypted for a different CA certificate, so Tessera could not open it.',
    fix: 'The device has an old CA certificate (was the CA replaced or is it another server?): remove the profile and install a freshly downloaded one.',
  },
  unreadable: {
    cause: 'Tessera could not decrypt the request, or what it decrypted is not a valid, correctly signed request; the reason above says which.',
    fix: 'A corrupted or hand-made request: check proxies between the device and Tessera, then install a freshly downloaded profile.',
  },
  'subject-not-encodable': {
    cause: 'The subject the device asked for cannot be put into a certificate (for example a country code that is not two letters).',
    fix: 'Correct the Subject in the profile’s SCEP payload (or the template it comes from).',
  },
  'transaction-reused': {
    cause: 'The client reused a transaction ID of an earlier request with a different key.',
    fix: 'Remove the half-installed profile and enroll again; a client must not reuse transaction IDs.',
  },
  retry: { cause: 'Two requests raced for the same challenge or transaction.', fix: 'Nothing to change: the client may retry.' },
  'bad-message-check': {
    cause: 'The request’s signature or digest did not verify: it was changed on the way or signed incorrectly.',
    fix: 'Check proxies between the device and Tessera (no body rewriting; GET requests must keep “+” in the base64 message); prefer POST PKIOperation.',
  },
  'bad-cert-id': {
    cause: 'The client polled for (or asked for) something Tessera has no record of, e.g. a transaction made against another server or before a database reset.',
    fix: 'Remove the half-installed profile from the device and enroll again.',
  },
  'bad-alg': { cause: 'The client used an algorithm Tessera does not support.', fix: 'Configure the client for AES and SHA-256 with an RSA key.' },
  'bad-time': { cause: 'The message time was out of range.', fix: 'Check the clocks of the device and the server.' },
  'http-400': {
    cause: 'The HTTP request was not a usable SCEP request (missing or unknown operation, or an undecodable message).',
    fix: 'Check the SCEP URL in the profile (it ends in /scep or /cgi-bin/pkiclient.exe) and that nothing but a SCEP client calls it.',
  },
  'http-405': {
    cause: 'The wrong HTTP method was used: GetCACaps and GetCACert are GET only; PKIOperation is GET or POST.',
    fix: 'Usually a browser, monitor or proxy probing the URL; a real SCEP client does not do this.',
  },
  'http-413': { cause: 'The request was larger than 1 MiB, far beyond any SCEP message.', fix: 'Find the client sending it; it is not speaking SCEP.' },
  'http-500': { cause: 'Tessera hit an internal error while answering.', fix: 'Look at the server log around this time; the device can retry once it is fixed.' },
} satisfies Record<string, HintText>;
type HintId = keyof typeof HINTS;

/** The hint for each code; null for answers, and for refusals whose logged reason says it all. */
const HINT_BY_CODE: Record<ScepReasonCode, HintId | null> = {
  'capabilities-served': null,
  'ca-certificate-served': null,
  'certificate-issued': null,
  'certificate-returned': null,
  'pending-approval': null,
  'method-not-allowed': 'http-405',
  'unknown-operation': 'http-400',
  'missing-message': 'http-400',
  'undecodable-message': 'http-400',
  'body-too-large': 'http-413',
  'malformed-message': 'http-400',
  'internal-error': 'http-500',
  'message-check-failed': 'bad-message-check',
  'unsupported-algorithm': 'bad-alg',
  'legacy-algorithm': 'legacy-cipher',
  'unsupported-message-type': null,
  'not-for-this-ca': 'other-ca',
  undecryptable: 'unreadable',
  'key-not-allowed': 'weak-key',
  'subject-not-encodable': 'subject-not-encodable',
  'renewal-disabled': 'renewal',
  'renewal-signer-not-issued': 'renewal',
  'unknown-certificate': 'bad-cert-id',
  'challenge-missing': 'challenge-missing',
  'challenge-unknown': 'challenge-unknown',
  'challenge-used': 'challenge-used',
  'challenge-expired': 'challenge-expired',
  'challenge-revoked': 'challenge-revoked',
  'challenge-throttled': 'challenge-throttled',
  'challenge-conflict': 'retry',
  'transaction-key-mismatch': 'transaction-reused',
  'rejected-by-admin': 'rejected-by-admin',
  'pending-expired': 'pending-expired',
  'poll-unknown-transaction': 'bad-cert-id',
  'poll-signer-mismatch': 'bad-message-check',
  'renewal-signer-unknown': 'renewal',
  'renewal-signer-revoked': 'renewal',
  'renewal-signer-expired': 'renewal',
  'renewal-same-key': 'renewal',
  'concurrent-conflict': 'retry',
  'request-failed': null,
  'transaction-id-invalid': 'transaction-reused',
  'transaction-id-reused': 'transaction-reused',
  'identity-mismatch': 'identity-mismatch',
  'subject-invalid': 'unsafe-name',
  'san-invalid': 'unsafe-name',
  'san-not-allowed': 'identity-policy',
  'renewal-identity-mismatch': 'renewal-identity',
  'renewal-outside-window': 'renewal-window',
  'renewal-key-reused': 'renewal',
  'renewal-superseded': 'renewal-superseded',
};

/** For rows logged before reason codes existed: what failInfo and the HTTP status alone tell. */
function fallbackHint(e: ScepEventFacts): HintId | null {
  if (e.outcome === 'http-error') return e.httpStatus >= 500 ? 'http-500' : e.httpStatus === 413 ? 'http-413' : e.httpStatus === 405 ? 'http-405' : e.httpStatus === 400 ? 'http-400' : null;
  const byFailInfo: Record<string, HintId> = { badMessageCheck: 'bad-message-check', badCertId: 'bad-cert-id', badAlg: 'bad-alg', badTime: 'bad-time' };
  return (e.failInfo && byFailInfo[e.failInfo]) || null;
}

function deviceShows(e: ScepEventFacts, apple: boolean): string {
  if (e.outcome === 'failure') {
    return apple
      ? `The device shows ${APPLE_FAILURE_MESSAGE}.`
      : `The client receives pkiStatus FAILURE with failInfo ${e.failInfo ?? 'badRequest'}; iPhones and Macs show ${APPLE_FAILURE_MESSAGE}.`;
  }
  if (e.outcome === 'pending') {
    return apple
      ? 'The device keeps polling; after Retries × RetryDelay from its profile it gives up with “PENDING error 3” and the install fails.'
      : 'The client was told to wait (PENDING) and should poll again.';
  }
  if (e.outcome === 'http-error') {
    return `The client received HTTP ${e.httpStatus} instead of a SCEP answer; Apple devices stop the profile install with a SCEP error.`;
  }
  return 'Nothing: the request succeeded.';
}

/** The explanation for one event, or null for routine successes. */
export function explainScepEvent(e: ScepEventFacts): ScepExplanation | null {
  if (e.outcome === 'success') return null;
  const apple = isAppleClient(e.userAgent);
  const id = isScepReasonCode(e.reasonCode) ? HINT_BY_CODE[e.reasonCode] : fallbackHint(e);
  const hints: ScepHint[] = id ? [{ id, ...HINTS[id] }] : [];
  if (e.outcome === 'pending') {
    hints.push(
      apple
        ? {
            id: 'pending-apple',
            cause: 'The request needs an admin’s approval.',
            fix: 'Approve it in Requests before the device’s polling window ends (about 10 minutes for manual-approval profiles), or the person must start over.',
          }
        : { id: 'pending', cause: 'The request needs an admin’s approval.', fix: 'Approve or reject it in Requests.' },
    );
  }
  if (hints.length === 0 && e.outcome === 'failure') {
    hints.push({ id: 'generic-failure', cause: 'The request was refused; the reason above says why.', fix: 'Fix what the reason names, then enroll again with a new challenge.' });
  }
  return { deviceShows: deviceShows(e, apple), reason: e.reason, hints };
}
