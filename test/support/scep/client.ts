/**
 * A SCEP client for tests and benchmarks: builds pkiMessages the way real clients do (chosen cipher, digest, BER
 * form, attribute order, several recipients) and reads CertReps back the way a client would.
 */
import crypto from 'node:crypto';
import type { ContentCipherName, HashName } from '../../../lib/pki/algorithms';
import { contentOf, der, integerContent, octetString, printableString, raw, seq, type Asn1 } from '../../../lib/pki/asn1';
import {
  attribute,
  decryptEnvelopedData,
  envelopedDataTree,
  findAttribute,
  parseEnvelopedData,
  parseSignedData,
  signedDataTree,
  verifySignerInfo,
  type ParsedEnvelopedData,
  type ParsedSignedData,
} from '../../../lib/pki/cms';
import { matchesIssuerAndSerial, parseCertificate } from '../../../lib/pki/x509';
import type { FailInfoName } from '../../../lib/scep/backend';
import {
  failInfoName,
  MessageType,
  OID_SCEP_FAIL_INFO,
  OID_SCEP_FAIL_INFO_TEXT,
  OID_SCEP_MESSAGE_TYPE,
  OID_SCEP_PKI_STATUS,
  OID_SCEP_RECIPIENT_NONCE,
  OID_SCEP_SENDER_NONCE,
  OID_SCEP_TRANSACTION_ID,
  PkiStatus,
  type MessageTypeName,
  type PkiStatusName,
} from '../../../lib/scep/constants';
import { encodeBer } from '../ber';

export type ScepAttributeName = 'transactionID' | 'messageType' | 'senderNonce';

export interface ClientRequestOptions {
  /** A known name, or a raw code for negative tests ("18", "99"). */
  messageType: MessageTypeName | string;
  transactionId: string;
  /** Signs the pkiMessage; the reply is encrypted to it. */
  signer: { certificateDer: Uint8Array; privateKey: crypto.KeyObject };
  /** Certificates the envelope is encrypted to (several to imitate micromdm's encrypt-to-every-cert). */
  recipients: Uint8Array[];
  /** PKCS#10 DER (PKCSReq/RenewalReq), IssuerAndSubject (CertPoll) or IssuerAndSerialNumber (GetCert). */
  messageData: Uint8Array;
  /** Default AES-128-CBC (RFC 8894 mandatory-to-implement). */
  cipher?: ContentCipherName;
  /** Default SHA-256. */
  digest?: HashName;
  /** Default 16 random octets. */
  senderNonce?: Uint8Array;
  /** 'ber' imitates iOS: indefinite lengths everywhere and OCTET STRINGs split into 64-byte segments. */
  form?: 'der' | 'ber';
  attributeOrder?: 'der-sorted' | 'as-given';
  /** 'rsa-signature' writes sha256WithRSAEncryption (etc.) in digestAlgorithm, as old Go pkcs7 did. */
  digestAlgorithmField?: 'hash' | 'rsa-signature';
  omitAttributes?: ScepAttributeName[];
  /** Default true; false strips `certificates` (RFC 8894 requires the signer certificate). */
  includeSignerCertificate?: boolean;
  /** Rewrites the EnvelopedData bytes before they are signed (to corrupt encryptedKey or ciphertext). */
  mutateEnvelope?: (envelope: Uint8Array) => Uint8Array;
}

export function buildClientRequest(opts: ClientRequestOptions): Uint8Array {
  const encode = (tree: Asn1) => (opts.form === 'ber' ? encodeBer(tree) : der(tree));
  const built = encode(envelopedDataTree({ content: opts.messageData, recipients: opts.recipients.map((d) => parseCertificate(d)), cipher: opts.cipher ?? 'AES-128-CBC' }));
  const envelope = opts.mutateEnvelope ? opts.mutateEnvelope(built) : built;
  const omit = new Set(opts.omitAttributes ?? []);
  const code = opts.messageType in MessageType ? MessageType[opts.messageType as MessageTypeName] : opts.messageType;
  const attributes = [
    omit.has('transactionID') ? null : attribute(OID_SCEP_TRANSACTION_ID, printableString(opts.transactionId)),
    omit.has('messageType') ? null : attribute(OID_SCEP_MESSAGE_TYPE, printableString(code)),
    omit.has('senderNonce') ? null : attribute(OID_SCEP_SENDER_NONCE, octetString(opts.senderNonce ?? crypto.randomBytes(16))),
  ].filter((a): a is Asn1 => a !== null);
  return encode(
    signedDataTree({
      content: envelope,
      hash: opts.digest ?? 'SHA-256',
      signer: { certificate: parseCertificate(opts.signer.certificateDer), privateKey: opts.signer.privateKey },
      attributes,
      certificates: opts.includeSignerCertificate === false ? [] : [opts.signer.certificateDer],
      signingTime: new Date(),
      quirks: { attributeOrder: opts.attributeOrder, digestAlgorithmField: opts.digestAlgorithmField },
    }),
  );
}

/** IssuerAndSubject ::= SEQUENCE { issuer Name, subject Name } (RFC 8894 §3.3.3, CertPoll messageData). */
export const buildIssuerAndSubject = (issuerNameDer: Uint8Array, subjectNameDer: Uint8Array): Uint8Array => der(seq(raw(issuerNameDer), raw(subjectNameDer)));

/** IssuerAndSerialNumber of a certificate (RFC 8894 §3.3.4, GetCert messageData). */
export function buildIssuerAndSerial(certificateDer: Uint8Array): Uint8Array {
  const c = parseCertificate(certificateDer);
  return der(seq(raw(c.issuerDer), integerContent(c.serial)));
}

export interface ClientCertRep {
  /** The SignerInfo verifies with the CA certificate given to the client (the one from GetCACert). */
  signatureValid: boolean;
  /** The signer certificate found in `certificates` is byte-identical to that CA certificate. */
  signedByCa: boolean;
  messageType: string | null;
  pkiStatus: PkiStatusName | null;
  failInfo: FailInfoName | null;
  failInfoText: string | null;
  transactionId: string | null;
  senderNonce: Uint8Array | null;
  recipientNonce: Uint8Array | null;
  digest: HashName | null;
  /** Content cipher of the reply envelope (SUCCESS only). */
  cipher: ContentCipherName | null;
  /** Certificates of the degenerate SignedData inside the envelope, in order (issued certificate first). */
  certificates: Uint8Array[];
  signedData: ParsedSignedData;
  envelope: ParsedEnvelopedData | null;
}

/** Reads a CertRep as a client: verifies it against `caCertificateDer` and decrypts with the request signer key. */
export function parseCertRepForClient(
  body: Uint8Array,
  opts: { caCertificateDer: Uint8Array; recipient?: { certificateDer: Uint8Array; privateKey: crypto.KeyObject } },
): ClientCertRep {
  const sd = parseSignedData(body);
  const si = sd.signerInfos[0];
  if (!si) throw new Error('CertRep has no SignerInfo');
  const ca = parseCertificate(opts.caCertificateDer);
  const sid = si.sid;
  const signerDer = 'issuerDer' in sid ? sd.certificates.find((d) => matchesIssuerAndSerial(parseCertificate(d), sid.issuerDer, sid.serial)) : undefined;
  const check = verifySignerInfo(sd, si, ca.publicKey, { allowMd5: true });
  const bytes = (oid: string): Uint8Array | null => {
    const v = findAttribute(si.signedAttrs, oid);
    return v ? contentOf(v) : null;
  };
  const str = (oid: string): string | null => {
    const v = bytes(oid);
    return v ? Buffer.from(v).toString('utf8') : null;
  };
  const status = str(OID_SCEP_PKI_STATUS);
  const failCode = str(OID_SCEP_FAIL_INFO);
  let envelope: ParsedEnvelopedData | null = null;
  let certificates: Uint8Array[] = [];
  let cipher: ContentCipherName | null = null;
  if (sd.eContent && sd.eContent.length > 0) {
    envelope = parseEnvelopedData(sd.eContent);
    if (opts.recipient) {
      const result = decryptEnvelopedData(envelope, { certificate: parseCertificate(opts.recipient.certificateDer), privateKey: opts.recipient.privateKey }, { allowLegacy: true });
      if (!result.ok) throw new Error(`client could not decrypt the CertRep: ${result.detail}`);
      cipher = result.cipher.name;
      certificates = parseSignedData(result.plaintext).certificates;
    }
  }
  return {
    signatureValid: check.ok,
    signedByCa: signerDer !== undefined && Buffer.compare(signerDer, ca.der) === 0,
    messageType: str(OID_SCEP_MESSAGE_TYPE),
    pkiStatus: (Object.keys(PkiStatus) as PkiStatusName[]).find((k) => PkiStatus[k] === status) ?? null,
    failInfo: failCode === null ? null : failInfoName(failCode),
    failInfoText: str(OID_SCEP_FAIL_INFO_TEXT),
    transactionId: str(OID_SCEP_TRANSACTION_ID),
    senderNonce: bytes(OID_SCEP_SENDER_NONCE),
    recipientNonce: bytes(OID_SCEP_RECIPIENT_NONCE),
    digest: check.hash?.name ?? null,
    cipher,
    certificates,
    signedData: sd,
    envelope,
  };
}
