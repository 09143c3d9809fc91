/**
 * PKIOperation: one pkiMessage in, one CertRep out (RFC 8894 §3.3). Order: parse → verify the signature → check the
 * message type → decrypt and read the messageData → ask the backend. Protocol failures travel in-band as signed
 * CertReps; only a message without transactionID/senderNonce is an HTTP 400, and a backend outage an HTTP 500.
 */
import { createHash } from 'node:crypto';
import type { ContentCipherSpec, HashName, HashSpec } from '../pki/algorithms';
import type { CmsSigner } from '../pki/cms';
import type { BackendDecision, FailInfoName, ScepBackend, ScepClientInfo } from './backend';
import { buildCertRep, type CertRepStatus } from './build-cert-rep';
import { ContentType, messageTypeName } from './constants';
import { checkEnrollment } from './enrollment-request';
import { openPkiEnvelope } from './open-envelope';
import { parsePkiMessage, verifyPkiMessage } from './parse-pki-message';
import type { ScepReasonCode } from './reason-codes';
import type { ScepOutcome } from './types';

export interface PkiOperationContext {
  ca: CmsSigner;
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
  reasonCode: ScepReasonCode;
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
  if (digest && (digest.name === 'SHA-1' || digest.name === 'SHA-256' || digest.name === 'SHA-512' || (digest.name === 'MD5' && legacy))) return digest.name;
  return 'SHA-256';
}

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');

interface Refusal {
  code: ScepReasonCode;
  failInfo: FailInfoName;
  reason: string;
  clientText?: string;
}

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
      reasonCode: 'malformed-message',
      reason: `undecodable pkiMessage: ${parsed.reason}`,
      algorithms: null,
    };
  }
  const msg = parsed.message;
  const typeName = msg.messageTypeCode ? messageTypeName(msg.messageTypeCode) : null;
  let cipher: ContentCipherSpec | null = null;
  const algorithms = (): string | null => [cipher?.name, msg.digest?.name].filter(Boolean).join('/') || null;

  const reply = (status: CertRepStatus, outcome: ScepOutcome, reasonCode: ScepReasonCode, reason: string): PkiOperationResult => ({
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
    reasonCode,
    reason,
    algorithms: algorithms(),
  });
  const fail = (r: Refusal): PkiOperationResult =>
    reply({ pkiStatus: 'FAILURE', failInfo: r.failInfo, failInfoText: r.clientText ?? DEFAULT_CLIENT_TEXT[r.failInfo] }, 'failure', r.code, r.reason);
  const badRequest = (code: ScepReasonCode, reason: string) => fail({ code, failInfo: 'badRequest', reason });

  const verified = verifyPkiMessage(msg, { legacy: ctx.legacy });
  if (!verified.ok) return fail(verified);
  const signer = verified.signer;

  // RFC 8894 §3.2.1.2: undefined values MUST be treated as errors.
  if (!typeName) return badRequest('unsupported-message-type', msg.messageTypeCode ? `unsupported messageType "${msg.messageTypeCode}"` : 'the request has no messageType');
  if (typeName === 'CertRep' || typeName === 'GetCRL') return badRequest('unsupported-message-type', `${typeName} requests are not supported`);
  if (typeName === 'RenewalReq' && !ctx.renewal) return badRequest('renewal-disabled', 'RenewalReq received but renewal is disabled (the Renewal capability is not advertised)');
  if (signer.publicKey.asymmetricKeyType !== 'rsa') {
    return fail({ code: 'unsupported-algorithm', failInfo: 'badAlg', reason: `the request signer's key is ${signer.publicKey.asymmetricKeyType ?? 'unknown'}; SCEP replies can only be encrypted to RSA keys` });
  }

  const opened = openPkiEnvelope(msg.signedData.eContent, typeName, ctx.ca, { legacy: ctx.legacy });
  cipher = opened.cipher;
  if (!opened.ok) return fail(opened);
  const contentCipher = opened.cipher;
  const data = opened.data;

  const toReply = (decision: BackendDecision, success: [ScepReasonCode, string], pendingReason: string): PkiOperationResult => {
    switch (decision.kind) {
      case 'issued':
        return reply({ pkiStatus: 'SUCCESS', certificates: [decision.certificateDer], recipient: signer, cipher: contentCipher.name }, 'success', ...success);
      case 'pending':
        return reply({ pkiStatus: 'PENDING' }, 'pending', 'pending-approval', pendingReason);
      case 'failure':
        return fail({ ...decision, code: decision.code ?? 'request-failed' });
    }
  };

  try {
    if (data.kind === 'csr') {
      const check = checkEnrollment({
        messageType: typeName === 'RenewalReq' ? 'RenewalReq' : 'PKCSReq',
        transactionId: msg.transactionId,
        csr: data.csr,
        signer,
        ca: ctx.ca.certificate,
        minRsaBits: ctx.minRsaBits,
        client: ctx.client,
      });
      if (!check.ok) return fail(check);
      const { csr, renewalOfSerialHex } = check.input;
      const decision = await ctx.backend.enroll(check.input);
      const renewal = renewalOfSerialHex ? ` (renewal of serial ${renewalOfSerialHex})` : '';
      return toReply(decision, ['certificate-issued', `issued a certificate for "${csr.subject}"${renewal}`], `${typeName} for "${csr.subject}" is pending approval`);
    }
    if (data.kind === 'issuer-and-subject') {
      // RFC 8894 §3.3.3: match on transactionID (and the signer key), not on the IssuerAndSubject contents.
      const decision = await ctx.backend.poll({
        transactionId: msg.transactionId,
        signerPublicKeySha256: createHash('sha256').update(signer.spkiDer).digest('hex'),
        client: ctx.client,
      });
      return toReply(decision, ['certificate-issued', 'pending request was approved; certificate delivered'], 'request is still pending approval');
    }
    // GetCert (RFC 8894 §3.3.4): messageData is IssuerAndSerialNumber.
    if (Buffer.compare(data.issuerDer, ctx.ca.certificate.subjectDer) !== 0) {
      return fail({ code: 'unknown-certificate', failInfo: 'badCertId', reason: 'GetCert asked for a certificate from another issuer' });
    }
    const found = await ctx.backend.getCertificate(data.serialHex);
    if (!found) return fail({ code: 'unknown-certificate', failInfo: 'badCertId', reason: `GetCert: no certificate with serial ${data.serialHex}` });
    return toReply({ kind: 'issued', certificateDer: found }, ['certificate-returned', `GetCert: returned certificate serial ${data.serialHex}`], '');
  } catch (e) {
    return {
      status: 500,
      contentType: ContentType.text,
      body: text('internal error\n'),
      messageType: typeName,
      transactionId: msg.transactionId,
      outcome: 'http-error',
      failInfo: null,
      reasonCode: 'internal-error',
      reason: `backend error while handling ${typeName}: ${e instanceof Error ? e.message : String(e)}`,
      algorithms: algorithms(),
    };
  }
}
