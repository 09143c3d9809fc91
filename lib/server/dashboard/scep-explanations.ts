/**
 * What an admin needs when a device says only "invalid response": for one SCEP log row, what the device showed and
 * what to change. The SCEP protocol answers FAILURE in-band with a bare failInfo (RFC 8894 §3.2.1.4.5); the real
 * cause lives in the log's `reason`, and this table turns it into a fix.
 */
import { isAppleClient } from '../requests/list-scep-requests';

export interface ScepEventFacts {
  operation: string;
  messageType: string | null;
  outcome: string;
  httpStatus: number;
  failInfo: string | null;
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

interface Rule extends ScepHint {
  matches: (e: ScepEventFacts) => boolean;
}

const reasonHas = (re: RegExp) => (e: ScepEventFacts) => re.test(e.reason);
const failure = (e: ScepEventFacts) => e.outcome === 'failure';

/** Checked in order; every matching rule contributes a hint. */
const RULES: Rule[] = [
  {
    id: 'legacy-cipher',
    matches: reasonHas(/single DES|MD5 digest|legacy-cipher/i),
    cause: 'The client encrypted with single DES or signed with MD5, which RFC 8894 forbids and Tessera refuses by default.',
    fix: 'For old clients (Debian’s scepclient, micromdm’s scepclient builds) enable legacy ciphers in Settings → SCEP policy; better, update the client so it uses AES and SHA-256.',
  },
  {
    id: 'challenge-used',
    matches: reasonHas(/challenge rejected.*already used/i),
    cause: 'The one-time challenge in this profile had already been used by another request.',
    fix: 'Each profile download mints a new challenge: download the profile again (or create a new challenge) and install that one.',
  },
  {
    id: 'challenge-expired',
    matches: reasonHas(/challenge rejected.*expired/i),
    cause: 'The challenge in the profile had expired before the device enrolled.',
    fix: 'Issue a new enrollment link or challenge, and install the profile soon after downloading it.',
  },
  {
    id: 'challenge-revoked',
    matches: reasonHas(/challenge rejected.*revoked/i),
    cause: 'An admin revoked the challenge in this profile.',
    fix: 'Issue a new enrollment link or challenge if this device should enroll.',
  },
  {
    id: 'challenge-unknown',
    matches: reasonHas(/challenge rejected.*not one Tessera issued/i),
    cause: 'The challenge password is not one this server issued: mistyped, copied wrongly, or meant for another SCEP server.',
    fix: 'Check the profile’s SCEP URL and Challenge; create a new challenge here and paste it exactly.',
  },
  {
    id: 'challenge-throttled',
    matches: reasonHas(/answers are being slowed/i),
    cause: 'This address sent many wrong challenges in a short time; Tessera is slowing its answers.',
    fix: 'Find the device or script that keeps retrying with a wrong challenge and stop it.',
  },
  {
    id: 'challenge-missing',
    matches: reasonHas(/carries no challengePassword/i),
    cause: 'The request has no challenge password, and new enrollments need one.',
    fix: 'Add a Challenge to the profile’s SCEP payload (enrollment links do this for you).',
  },
  {
    id: 'pending-expired',
    matches: reasonHas(/pending request expired/i),
    cause: 'The request waited for approval longer than the pending time limit and expired.',
    fix: 'Issue a new link or challenge so the device can enroll again, and approve it sooner (or raise “pending TTL” in Settings).',
  },
  {
    id: 'weak-key',
    matches: reasonHas(/key not allowed|RSA-(512|768|1024)\b/i),
    cause: 'The device generated a key that is too small for the policy.',
    fix: 'Set Keysize to 2048 in the profile’s SCEP payload (Apple’s default is 1024).',
  },
  {
    id: 'rejected-by-admin',
    matches: reasonHas(/request was rejected by/i),
    cause: 'An admin rejected this request in the dashboard.',
    fix: 'Nothing to fix on the device. If it should get a certificate, send the person a new enrollment link.',
  },
  {
    id: 'identity-mismatch',
    matches: reasonHas(/^identity mismatch:/),
    cause: 'The request asked for a name its challenge does not allow: the challenge belongs to one person or device, and the request named someone or something else.',
    fix: 'A device installing its own profile never does this. Treat it as misuse of that person’s challenge (revoke the enrollment link and talk to them), or re-create the challenge for the identity the client must have.',
  },
  {
    id: 'identity-policy',
    matches: reasonHas(/identity policy \(/),
    cause: 'The challenge names no identity, and the identity policy refuses the names the request asked for.',
    fix: 'Create the challenge with the subject and SANs the device needs (API, CLI --subject/--san, or the form), or allow these names in Settings → SCEP policy → Identity policy.',
  },
  {
    id: 'unsafe-name',
    matches: reasonHas(/NUL byte|control character|lone UTF-16 surrogate|bidirectional override|subjectAltNames; at most|characters; at most|cannot be issued/i),
    cause: 'The request’s names cannot go into a certificate: control characters, invalid Unicode, oversized names or too many SANs.',
    fix: 'Fix the client’s subject and SAN settings; a relying party could read such a name as someone else’s.',
  },
  {
    id: 'renewal-window',
    matches: reasonHas(/not in its renewal window yet/),
    cause: 'The certificate asked to be renewed before its renewal window opened.',
    fix: 'The client should renew later (the reason says when), or the window can be widened in Settings → SCEP policy.',
  },
  {
    id: 'renewal-superseded',
    matches: reasonHas(/was already renewed/),
    cause: 'This certificate was already renewed and is superseded: a certificate renews once.',
    fix: 'The client must renew with its newest certificate. If it lost that one, enroll it again with a new challenge.',
  },
  {
    id: 'renewal-identity',
    matches: reasonHas(/a renewal keeps the renewed certificate's identity/),
    cause: 'A renewal asked for names other than those of the certificate being renewed.',
    fix: 'Renewal keeps the identity. For a different identity, enroll with a new challenge created for it.',
  },
  {
    id: 'renewal',
    matches: reasonHas(/renewal signed by certificate|RenewalReq (must|signed|signer)|re-certifies the same key|renewal is (disabled|turned off)/i),
    cause: 'A renewal request could not be accepted (unknown, revoked or expired certificate, reused key, or renewal turned off).',
    fix: 'Enroll the device again with a new challenge.',
  },
  {
    id: 'undecryptable',
    matches: reasonHas(/could not decrypt the request/i),
    cause: 'The request was encrypted for a different CA certificate, so Tessera could not open it.',
    fix: 'The device has an old CA certificate (was the CA replaced or is it another server?): remove the profile and install a freshly downloaded one.',
  },
  {
    id: 'bad-message-check',
    matches: (e) => e.failInfo === 'badMessageCheck',
    cause: 'The request’s signature or digest did not verify: it was changed on the way or signed incorrectly.',
    fix: 'Check proxies between the device and Tessera (no body rewriting; GET requests must keep “+” in the base64 message); prefer POST PKIOperation.',
  },
  {
    id: 'bad-cert-id',
    matches: (e) => e.failInfo === 'badCertId',
    cause: 'The client polled for (or asked for) something Tessera has no record of, e.g. a transaction made against another server or before a database reset.',
    fix: 'Remove the half-installed profile from the device and enroll again.',
  },
  {
    id: 'bad-alg',
    matches: (e) => e.failInfo === 'badAlg' && !/single DES|MD5/i.test(e.reason),
    cause: 'The client used an algorithm Tessera does not support.',
    fix: 'Configure the client for AES and SHA-256 with an RSA key.',
  },
  {
    id: 'bad-time',
    matches: (e) => e.failInfo === 'badTime',
    cause: 'The message time was out of range.',
    fix: 'Check the clocks of the device and the server.',
  },
  {
    id: 'http-400',
    matches: (e) => e.outcome === 'http-error' && e.httpStatus === 400,
    cause: 'The HTTP request was not a usable SCEP request (missing or unknown operation, or an undecodable message).',
    fix: 'Check the SCEP URL in the profile (it ends in /scep or /cgi-bin/pkiclient.exe) and that nothing but a SCEP client calls it.',
  },
  {
    id: 'http-405',
    matches: (e) => e.outcome === 'http-error' && e.httpStatus === 405,
    cause: 'The wrong HTTP method was used: GetCACaps and GetCACert are GET only; PKIOperation is GET or POST.',
    fix: 'Usually a browser, monitor or proxy probing the URL; a real SCEP client does not do this.',
  },
  {
    id: 'http-413',
    matches: (e) => e.outcome === 'http-error' && e.httpStatus === 413,
    cause: 'The request was larger than 1 MiB, far beyond any SCEP message.',
    fix: 'Find the client sending it; it is not speaking SCEP.',
  },
  {
    id: 'http-500',
    matches: (e) => e.outcome === 'http-error' && e.httpStatus >= 500,
    cause: 'Tessera hit an internal error while answering.',
    fix: 'Look at the server log around this time; the device can retry once it is fixed.',
  },
];

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
  const hints: ScepHint[] = RULES.filter((r) => r.matches(e)).map(({ id, cause, fix }) => ({ id, cause, fix }));
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
  if (hints.length === 0 && failure(e)) {
    hints.push({ id: 'generic-failure', cause: 'The request was refused; the reason above says why.', fix: 'Fix what the reason names, then enroll again with a new challenge.' });
  }
  return { deviceShows: deviceShows(e, apple), reason: e.reason, hints };
}
