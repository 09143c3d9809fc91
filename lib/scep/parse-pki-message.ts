/**
 * pkiMessage reading and verification (RFC 8894 §3, §3.2).
 *
 * Parsing separates what can be answered in-band from what cannot: once transactionID and senderNonce are known
 * every further problem becomes a signed CertRep FAILURE; before that the only answer is HTTP 400.
 */
import { hashByOid, type HashSpec } from '../pki/algorithms';
import { contentOf, UTag } from '../pki/asn1';
import { findAttribute, parseSignedData, verifySignerInfo, type ParsedSignedData, type ParsedSignerInfo } from '../pki/cms';
import { CmsError } from '../pki/errors';
import { OID } from '../pki/oids';
import { matchesIssuerAndSerial, parseCertificate, type Certificate } from '../pki/x509';
import type { FailInfoName } from './backend';
import { OID_SCEP_MESSAGE_TYPE, OID_SCEP_SENDER_NONCE, OID_SCEP_TRANSACTION_ID } from './constants';
import type { ScepReasonCode } from './reason-codes';

export interface PkiMessage {
  signedData: ParsedSignedData;
  signerInfo: ParsedSignerInfo;
  /** transactionID as text (for logs and the backend). */
  transactionId: string;
  /** transactionID octets exactly as received, echoed in the CertRep (RFC 8894 §3.2.1.1). */
  transactionIdBytes: Uint8Array;
  senderNonce: Uint8Array;
  /** The messageType string as sent ("19"), or null when absent/not a string. */
  messageTypeCode: string | null;
  /** The request's digest algorithm when recognised (also for choosing the reply digest). */
  digest: HashSpec | null;
}

export type ParsePkiMessageResult = { ok: true; message: PkiMessage } | { ok: false; reason: string };

const STRING_TAGS = new Set<number>([UTag.printableString, UTag.utf8String, UTag.ia5String]);
const MAX_TRANSACTION_ID = 256;
const MAX_NONCE = 64;

/** An attribute value's universal tag and content octets; null when absent or not universal. */
function universal(node: ReturnType<typeof findAttribute>): { tag: number; bytes: Uint8Array } | null {
  return node && node.cls === 0 ? { tag: node.tag, bytes: contentOf(node) } : null;
}

export function parsePkiMessage(bytes: Uint8Array): ParsePkiMessageResult {
  let sd: ParsedSignedData;
  try {
    sd = parseSignedData(bytes);
  } catch (e) {
    if (!(e instanceof CmsError)) throw e;
    return { ok: false, reason: e.message };
  }
  const si = sd.signerInfos[0];
  if (!si) return { ok: false, reason: 'the pkiMessage has no SignerInfo' };
  const txid = universal(findAttribute(si.signedAttrs, OID_SCEP_TRANSACTION_ID));
  const nonce = universal(findAttribute(si.signedAttrs, OID_SCEP_SENDER_NONCE));
  if (!txid || !STRING_TAGS.has(txid.tag) || txid.bytes.length === 0 || txid.bytes.length > MAX_TRANSACTION_ID) {
    return { ok: false, reason: 'the pkiMessage has no usable transactionID attribute' };
  }
  if (!nonce || nonce.tag !== UTag.octetString || nonce.bytes.length === 0 || nonce.bytes.length > MAX_NONCE) {
    return { ok: false, reason: 'the pkiMessage has no usable senderNonce attribute' };
  }
  const type = universal(findAttribute(si.signedAttrs, OID_SCEP_MESSAGE_TYPE));
  const messageTypeCode = type && STRING_TAGS.has(type.tag) ? Buffer.from(type.bytes).toString('latin1').trim() : null;
  return {
    ok: true,
    message: {
      signedData: sd,
      signerInfo: si,
      transactionId: Buffer.from(txid.bytes).toString(txid.tag === UTag.utf8String ? 'utf8' : 'latin1'),
      transactionIdBytes: txid.bytes,
      senderNonce: nonce.bytes,
      messageTypeCode: messageTypeCode ? messageTypeCode.slice(0, 16) : null,
      digest: hashByOid(si.digestAlgorithmOid),
    },
  };
}

export type VerifyPkiMessageResult =
  | { ok: true; signer: Certificate }
  | { ok: false; code: ScepReasonCode; failInfo: FailInfoName; reason: string };

/** Finds the signer certificate by its IssuerAndSerialNumber (RFC 8894 §2.3 makes its inclusion a MUST). */
function findSignerCertificate(msg: PkiMessage): Certificate | null {
  const sid = msg.signerInfo.sid;
  if (!('issuerDer' in sid)) return null;
  for (const der of msg.signedData.certificates) {
    try {
      const cert = parseCertificate(der);
      if (matchesIssuerAndSerial(cert, sid.issuerDer, sid.serial)) return cert;
    } catch {
      // an unreadable extra certificate is not the signer; keep looking
    }
  }
  return null;
}

/**
 * Signature and integrity checks (RFC 8894 §3.2.1.4: failures are badMessageCheck, unknown algorithms badAlg).
 * Self-signed signers are not chain-validated and validity dates are not enforced: iOS signs with a fresh
 * temporary certificate (RFC 8894 §2.3).
 */
export function verifyPkiMessage(msg: PkiMessage, opts: { legacy: boolean }): VerifyPkiMessageResult {
  const bad = (reason: string): VerifyPkiMessageResult => ({ ok: false, code: 'message-check-failed', failInfo: 'badMessageCheck', reason });
  const signer = findSignerCertificate(msg);
  if (!signer) return bad('the signer certificate is missing from the request');
  if (msg.signedData.eContentType !== OID.data) return bad('the signed content type is not id-data');
  let key;
  try {
    key = signer.publicKey;
  } catch {
    return { ok: false, code: 'unsupported-algorithm', failInfo: 'badAlg', reason: 'the signer certificate has a public key that cannot be read' };
  }
  const check = verifySignerInfo(msg.signedData, msg.signerInfo, key, { allowMd5: opts.legacy });
  if (check.ok) return { ok: true, signer };
  switch (check.code) {
    case 'legacy-algorithm':
      return { ok: false, code: 'legacy-algorithm', failInfo: 'badAlg', reason: 'request used the MD5 digest (forbidden by RFC 8894); enable the legacy-cipher setting to accept it' };
    case 'unsupported-algorithm':
      return { ok: false, code: 'unsupported-algorithm', failInfo: 'badAlg', reason: `request used an ${check.detail}` };
    case 'missing-signed-attributes':
      return bad('the request has no signed attributes');
    case 'bad-content-type':
      return bad('the contentType attribute is missing or wrong');
    case 'bad-message-digest':
      return bad('the messageDigest attribute does not match the content (tampered or corrupted)');
    case 'bad-signature':
      return bad('the request signature does not verify with the signer certificate');
  }
}
