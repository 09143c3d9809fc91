/**
 * CertRep construction (RFC 8894 §3.3.2).
 *
 *   SUCCESS  eContent = EnvelopedData (to the request signer, same content cipher as the request) holding a
 *            degenerate certs-only SignedData with the issued certificate first (iOS and micromdm take index 0).
 *   FAILURE  an empty eContent; failInfo and failInfoText (UTF8String, id-scep-failInfoText).
 *   PENDING  an empty eContent.
 * The empty eContent (a zero-length OCTET STRING, as micromdm sends) is there because OpenSSL's PKCS#7 verification,
 * used by certmonger, refuses a SignedData without content; iOS accepts both forms. Always: transactionID echoed
 * byte for byte as PrintableString, a fresh 16-byte senderNonce, recipientNonce = the request's senderNonce, signed
 * by exactly the certificate served by GetCACert, which is also included.
 */
import crypto from 'node:crypto';
import type { ContentCipherName, HashName } from '../pki/algorithms';
import { octetString, printableString, utf8String } from '../pki/asn1';
import { attribute, buildCertsOnlySignedData, buildEnvelopedData, buildSignedData, type CmsSigner } from '../pki/cms';
import type { Certificate } from '../pki/x509';
import type { FailInfoName } from './backend';
import {
  FailInfo,
  MessageType,
  NONCE_LENGTH,
  OID_SCEP_FAIL_INFO,
  OID_SCEP_FAIL_INFO_TEXT,
  OID_SCEP_MESSAGE_TYPE,
  OID_SCEP_PKI_STATUS,
  OID_SCEP_RECIPIENT_NONCE,
  OID_SCEP_SENDER_NONCE,
  OID_SCEP_TRANSACTION_ID,
  PkiStatus,
} from './constants';

export type CertRepStatus =
  | {
      pkiStatus: 'SUCCESS';
      /** Issued (or requested) certificate first; optional chain after it. */
      certificates: Uint8Array[];
      /** The request signer: the reply is encrypted to its key (RFC 8894 §2.3). */
      recipient: Certificate;
      cipher: ContentCipherName;
    }
  | { pkiStatus: 'FAILURE'; failInfo: FailInfoName; failInfoText: string | null }
  | { pkiStatus: 'PENDING' };

export interface CertRepParams {
  signer: CmsSigner;
  transactionIdBytes: Uint8Array;
  /** The request's senderNonce. */
  recipientNonce: Uint8Array;
  hash: HashName;
  signingTime: Date;
  status: CertRepStatus;
  /** For tests; defaults to 16 fresh random octets. */
  senderNonce?: Uint8Array;
}

export function buildCertRep(p: CertRepParams): Uint8Array {
  const s = p.status;
  const attributes = [
    attribute(OID_SCEP_TRANSACTION_ID, printableString(p.transactionIdBytes)),
    attribute(OID_SCEP_MESSAGE_TYPE, printableString(MessageType.CertRep)),
    attribute(OID_SCEP_PKI_STATUS, printableString(PkiStatus[s.pkiStatus])),
    attribute(OID_SCEP_SENDER_NONCE, octetString(p.senderNonce ?? crypto.randomBytes(NONCE_LENGTH))),
    attribute(OID_SCEP_RECIPIENT_NONCE, octetString(p.recipientNonce)),
  ];
  if (s.pkiStatus === 'FAILURE') {
    attributes.push(attribute(OID_SCEP_FAIL_INFO, printableString(FailInfo[s.failInfo])));
    if (s.failInfoText) attributes.push(attribute(OID_SCEP_FAIL_INFO_TEXT, utf8String(s.failInfoText)));
  }
  const content =
    s.pkiStatus === 'SUCCESS'
      ? buildEnvelopedData({ content: buildCertsOnlySignedData(s.certificates), recipients: [s.recipient], cipher: s.cipher })
      : new Uint8Array(0);
  return buildSignedData({ content, hash: p.hash, signer: p.signer, attributes, certificates: [p.signer.certificate.der], signingTime: p.signingTime });
}
