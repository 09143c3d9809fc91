/**
 * PKIOperation: one pkiMessage in, one CertRep out (RFC 8894 §3.3; checklist §4 processing order).
 * Protocol failures travel in-band as signed CertReps; only a message without transactionID/senderNonce is an
 * HTTP 400, and a backend outage an HTTP 500.
 */
import { parseBer, expectSequence, rawOf, readIntegerBytes, sameBytes, sha256Hex, type ContentCipherSpec, type HashName, type HashSpec } from '../pki/cms';
import type { BackendDecision, FailInfoName, ScepBackend, ScepClientInfo } from './backend';
import { buildCertRep, type CertRepStatus, type ScepSigner } from './build-cert-rep';
import { ContentType, messageTypeName } from './constants';
import { checkEnrollment } from './enrollment-request';
import { DECRYPT_FAILED, openPkiEnvelope } from './open-envelope';
import { parsePkiMessage, verifyPkiMessage } from './parse-pki-message';
import type { ScepOutcome } from './types';

export interface PkiOperationContext {
  ca: ScepSigner;
  legacy: boolean;
  renewal: boolean;
  minRsaBits: number;
  backend: ScepBackend;
  now: () => Date;
  client: ScepClientInfo;
}

export interface PkiOperationResult {
  status: number;
  contentType: string;
  body: Uint8Array;
  messageType: string | null;
  transactionId: string | null;
  outcome: ScepOutcome;
  failInfo: FailInfoName | null;
  reason: string;
  algorithms: string | null;
}

/** failInfoText sent when nothing more specific (and safe) is known. Causes stay in the log. */
const DEFAULT_CLIENT_TEXT: Record<FailInfoName, string> = {
  badAlg: 'unsupported algorithm',
  badMessageCheck: 'message check failed',
  badRequest: 'request rejected',
  badTime: 'message time out of range',
  badCertId: 'no matching certificate',
};

/** RFC 8894 §3.5.2 leaves the reply digest open; mirror SHA-1/256/512 (and MD5 under legacy), else SHA-256. */
function replyHash(digest: HashSpec | null, legacy: boolean): HashName {
  if (!digest) return 'SHA-256';
  if (digest.name === 'SHA-1' || digest.name === 'SHA-256' || digest.name === 'SHA-512') return digest.name;
  if (digest.name === 'MD5' && legacy) return 'MD5';
  return 'SHA-256';
}

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');

export async function handlePkiOperation(bytes: Uint8Array, ctx: PkiOperationContext): Promise<PkiOperationResult> {
  const parsed = parsePkiMessage(bytes);
  if (!parsed.ok) {
    return {
      status: 400,
      contentType: ContentType.text,
      body: text('invalid pkiMessage\n'),
      messageType: null,
      transactionId: null,
      outcome: 'http-error',
      failInfo: null,
      reason: `undecodable pkiMessage: ${parsed.reason}`,
      algorithms: null,
    };
  }
  const msg = parsed.message;
  const typeName = msg.messageTypeCode ? messageTypeName(msg.messageTypeCode) : null;
  let cipher: ContentCipherSpec | null = null;
  const algorithms = (): string | null => [cipher?.name, msg.digest?.name].filter(Boolean).join('/') || null;

  const reply = (status: CertRepStatus, outcome: ScepOutcome, reason: string): PkiOperationResult => ({
    status: 200,
    contentType: ContentType.pkiMessage,
    body: buildCertRep({
      signer: ctx.ca,
      transactionIdBytes: msg.transactionIdBytes,
      recipientNonce: msg.senderNonce,
      hash: replyHash(msg.digest, ctx.legacy),
      signingTime: ctx.now(),
      status,
    }),
    messageType: typeName ?? msg.messageTypeCode,
    transactionId: msg.transactionId,
    outcome,
    failInfo: status.pkiStatus === 'FAILURE' ? status.failInfo : null,
    reason,
    algorithms: algorithms(),
  });
  const fail = (failInfo: FailInfoName, reason: string, clientText?: string): PkiOperationResult =>
    reply({ pkiStatus: 'FAILURE', failInfo, failInfoText: clientText ?? DEFAULT_CLIENT_TEXT[failInfo] }, 'failure', reason);

  const verified = verifyPkiMessage(msg, { legacy: ctx.legacy });
  if (!verified.ok) return fail(verified.failInfo, verified.reason);
  const signer = verified.signer;

  // RFC 8894 §3.2.1.2: undefined values MUST be treated as errors.
  if (!typeName) {
    return fail('badRequest', msg.messageTypeCode ? `unsupported messageType "${msg.messageTypeCode}"` : 'the request has no messageType');
  }
  if (typeName === 'CertRep' || typeName === 'GetCRL') return fail('badRequest', `${typeName} requests are not supported`);
  if (typeName === 'RenewalReq' && !ctx.renewal) {
    return fail('badRequest', 'RenewalReq received but renewal is disabled (the Renewal capability is not advertised)');
  }
  if (signer.publicKey.asymmetricKeyType !== 'rsa') {
    return fail('badAlg', `the request signer's key is ${signer.publicKey.asymmetricKeyType ?? 'unknown'}; SCEP replies can only be encrypted to RSA keys`);
  }

  const opened = openPkiEnvelope(msg.signedData.eContent, ctx.ca, { legacy: ctx.legacy });
  cipher = opened.cipher;
  if (!opened.ok) return fail(opened.failInfo, opened.reason, opened.clientText);
  const contentCipher = opened.cipher;

  const toReply = (decision: BackendDecision, successReason: string, pendingReason: string): PkiOperationResult => {
    switch (decision.kind) {
      case 'issued':
        return reply(
          { pkiStatus: 'SUCCESS', certificates: [decision.certificateDer], recipient: signer, cipher: contentCipher.name },
          'success',
          successReason,
        );
      case 'pending':
        return reply({ pkiStatus: 'PENDING' }, 'pending', pendingReason);
      case 'failure':
        return fail(decision.failInfo, decision.reason, decision.clientText);
    }
  };

  try {
    if (typeName === 'PKCSReq' || typeName === 'RenewalReq') {
      const check = checkEnrollment({
        messageType: typeName,
        transactionId: msg.transactionId,
        csrDer: opened.plaintext,
        signer,
        ca: ctx.ca.certificate,
        minRsaBits: ctx.minRsaBits,
        client: ctx.client,
      });
      if (!check.ok) return fail(check.failInfo, check.reason, check.clientText);
      const { csr, renewalOfSerialHex } = check.input;
      const decision = await ctx.backend.enroll(check.input);
      const renewal = renewalOfSerialHex ? ` (renewal of serial ${renewalOfSerialHex})` : '';
      return toReply(decision, `issued a certificate for "${csr.subject}"${renewal}`, `${typeName} for "${csr.subject}" is pending approval`);
    }
    if (typeName === 'CertPoll') {
      // RFC 8894 §3.3.3: match on transactionID (and the signer key), not on the IssuerAndSubject contents.
      if (!isSequence(opened.plaintext)) return fail('badRequest', DECRYPT_FAILED, DECRYPT_FAILED);
      const decision = await ctx.backend.poll({
        transactionId: msg.transactionId,
        signerPublicKeySha256: sha256Hex(signer.spkiDer),
        client: ctx.client,
      });
      return toReply(decision, 'pending request was approved; certificate delivered', 'request is still pending approval');
    }
    // GetCert (RFC 8894 §3.3.4): messageData is IssuerAndSerialNumber.
    const ias = readIssuerAndSerial(opened.plaintext);
    if (!ias) return fail('badRequest', DECRYPT_FAILED, DECRYPT_FAILED);
    if (!sameBytes(ias.issuerDer, ctx.ca.certificate.subjectDer)) {
      return fail('badCertId', 'GetCert asked for a certificate from another issuer');
    }
    const found = await ctx.backend.getCertificate(ias.serialHex);
    if (!found) return fail('badCertId', `GetCert: no certificate with serial ${ias.serialHex}`);
    return toReply({ kind: 'issued', certificateDer: found }, `GetCert: returned certificate serial ${ias.serialHex}`, '');
  } catch (e) {
    return {
      status: 500,
      contentType: ContentType.text,
      body: text('internal error\n'),
      messageType: typeName,
      transactionId: msg.transactionId,
      outcome: 'http-error',
      failInfo: null,
      reason: `backend error while handling ${typeName}: ${e instanceof Error ? e.message : String(e)}`,
      algorithms: algorithms(),
    };
  }
}

function isSequence(bytes: Uint8Array): boolean {
  try {
    expectSequence(parseBer(bytes), 'IssuerAndSubject');
    return true;
  } catch {
    return false;
  }
}

function readIssuerAndSerial(bytes: Uint8Array): { issuerDer: Uint8Array; serialHex: string } | null {
  try {
    const [issuer, serial] = expectSequence(parseBer(bytes), 'IssuerAndSerialNumber');
    expectSequence(issuer, 'issuer');
    return { issuerDer: rawOf(bytes, issuer), serialHex: Buffer.from(readIntegerBytes(bytes, serial)).toString('hex') };
  } catch {
    return null;
  }
}
