/**
 * CertRep construction (RFC 8894 §3.3.2).
 *
 *   SUCCESS  eContent = EnvelopedData (to the request signer, same content cipher as the request) holding a
 *            degenerate certs-only SignedData with the issued certificate first (iOS and micromdm take index 0).
 *   FAILURE  no eContent; failInfo + optional failInfoText (UTF8String, id-scep-failInfoText).
 *   PENDING  no eContent.
 * Always: transactionID echoed byte for byte as PrintableString, fresh 16-byte senderNonce, recipientNonce = the
 * request's senderNonce, signed by exactly the certificate served by GetCACert, which is also included.
 */
import crypto from 'node:crypto';
import {
  asn1,
  attribute,
  buildCertsOnlySignedData,
  buildEnvelopedData,
  buildSignedData,
  type CertificateRef,
  type ContentCipherName,
  type HashName,
} from '../pki/cms';
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

export interface ScepSigner {
  certificate: CertificateRef;
  privateKey: crypto.KeyObject;
}

export type CertRepStatus =
  | {
      pkiStatus: 'SUCCESS';
      /** Issued (or requested) certificate first; optional chain after it. */
      certificates: Uint8Array[];
      /** The request signer: the reply is encrypted to its key (RFC 8894 §2.3). */
      recipient: CertificateRef;
      cipher: ContentCipherName;
    }
  | { pkiStatus: 'FAILURE'; failInfo: FailInfoName; failInfoText: string | null }
  | { pkiStatus: 'PENDING' };

export interface CertRepParams {
  signer: ScepSigner;
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
  const attrs = [
    attribute(OID_SCEP_TRANSACTION_ID, asn1.printableString(p.transactionIdBytes)),
    attribute(OID_SCEP_MESSAGE_TYPE, asn1.printableString(MessageType.CertRep)),
    attribute(OID_SCEP_PKI_STATUS, asn1.printableString(PkiStatus[s.pkiStatus])),
    attribute(OID_SCEP_SENDER_NONCE, asn1.octetString(p.senderNonce ?? crypto.randomBytes(NONCE_LENGTH))),
    attribute(OID_SCEP_RECIPIENT_NONCE, asn1.octetString(p.recipientNonce)),
  ];
  if (s.pkiStatus === 'FAILURE') {
    attrs.push(attribute(OID_SCEP_FAIL_INFO, asn1.printableString(FailInfo[s.failInfo])));
    if (s.failInfoText) attrs.push(attribute(OID_SCEP_FAIL_INFO_TEXT, asn1.utf8String(s.failInfoText)));
  }
  let content: Uint8Array | null = null;
  if (s.pkiStatus === 'SUCCESS') {
    const degenerate = buildCertsOnlySignedData(s.certificates);
    content = buildEnvelopedData({ content: degenerate, recipients: [s.recipient], cipher: s.cipher });
  }
  return buildSignedData({
    content,
    hash: p.hash,
    signer: p.signer,
    attributes: attrs,
    certificates: [p.signer.certificate.der],
    signingTime: p.signingTime,
  });
}
