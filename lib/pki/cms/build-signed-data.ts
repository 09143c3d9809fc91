/**
 * SignedData construction (RFC 5652 §5). node-forge writes only three attribute types and leaves the SET OF
 * unsorted, so attributes are built here and the signature computed with Node crypto (native RSA).
 */
import crypto from 'node:crypto';
import { hashByName, OID, type HashName } from './algorithms';
import {
  algorithmIdentifier,
  encode,
  explicit,
  implicitCons,
  integer,
  octetString,
  oid,
  raw,
  seq,
  setInOrder,
  setOf,
  time,
  type Asn1,
  type EncodeOptions,
} from './der';
import { issuerAndSerialNumber, type CertificateRef } from './certificate-ref';

/** Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue } */
export function attribute(attrOid: string, value: Asn1): Asn1 {
  return seq(oid(attrOid), setInOrder(value));
}

export interface CmsSigner {
  certificate: CertificateRef;
  privateKey: crypto.KeyObject;
}

export interface SignedDataOptions {
  /** eContent octets; null omits eContent (a SCEP FAILURE/PENDING CertRep, RFC 8894 §3.3.2.2). */
  content: Uint8Array | null;
  hash: HashName;
  signer: CmsSigner;
  /** Signed attributes besides contentType, messageDigest and signingTime. */
  attributes: Asn1[];
  /** Written in this order (a SET OF certificates is not re-sorted). */
  certificates: Uint8Array[];
  signingTime?: Date | null;
  /** Knobs for test clients imitating other implementations; servers keep the defaults. */
  quirks?: {
    /** 'as-given' signs and sends attributes unsorted (node-forge, older clients). Default DER-sorted. */
    attributeOrder?: 'der-sorted' | 'as-given';
    /** 'rsa-signature' writes e.g. sha256WithRSAEncryption in digestAlgorithm (old Go pkcs7). */
    digestAlgorithmField?: 'hash' | 'rsa-signature';
    /** Default rsaEncryption (RFC 8894 interop: the most widely accepted value). */
    signatureAlgorithm?: 'rsaEncryption' | 'hash-with-rsa';
  };
}

/** The SignedData wrapped in a ContentInfo, as an encodable tree. */
export function signedDataTree(opts: SignedDataOptions): Asn1 {
  const hash = hashByName(opts.hash);
  const q = opts.quirks ?? {};
  const content = opts.content ?? new Uint8Array(0);
  const digest = crypto.createHash(hash.node).update(content).digest();
  const attrs: Asn1[] = [
    attribute(OID.contentType, oid(OID.data)),
    ...(opts.signingTime ? [attribute(OID.signingTime, time(opts.signingTime))] : []),
    attribute(OID.messageDigest, octetString(digest)),
    ...opts.attributes,
  ];
  const attrSet = q.attributeOrder === 'as-given' ? encode(setInOrder(...attrs)) : encode(setOf(attrs));
  const signature = crypto.sign(hash.node, attrSet, opts.signer.privateKey);
  const signedAttrsImplicit = Uint8Array.from(attrSet);
  signedAttrsImplicit[0] = 0xa0; // [0] IMPLICIT SET OF Attribute
  const digestOid = q.digestAlgorithmField === 'rsa-signature' ? hash.rsaSignatureOid : hash.oid;
  const signatureOid = q.signatureAlgorithm === 'hash-with-rsa' ? hash.rsaSignatureOid : OID.rsaEncryption;

  // SignerInfo (RFC 5652 §5.3): version 1 because sid is issuerAndSerialNumber.
  const signerInfo = seq(
    integer(1),
    issuerAndSerialNumber(opts.signer.certificate),
    algorithmIdentifier(digestOid, null),
    raw(signedAttrsImplicit),
    algorithmIdentifier(signatureOid, null),
    octetString(signature),
  );
  const encap = opts.content === null ? seq(oid(OID.data)) : seq(oid(OID.data), explicit(0, octetString(content)));
  const signedData = seq(
    integer(1),
    setInOrder(algorithmIdentifier(digestOid, null)),
    encap,
    implicitCons(0, opts.certificates.map(raw)),
    setInOrder(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}

export function buildSignedData(opts: SignedDataOptions, form?: EncodeOptions): Uint8Array {
  return encode(signedDataTree(opts), form);
}

/**
 * Degenerate certs-only SignedData (RFC 8894 §3.4, RFC 5652 §5): version 1, no digest algorithms, eContent absent,
 * no signers. Certificates keep the caller's order: SCEP clients take the issued certificate from index 0.
 */
export function buildCertsOnlySignedData(certificates: Uint8Array[]): Uint8Array {
  const signedData = seq(integer(1), setInOrder(), seq(oid(OID.data)), implicitCons(0, certificates.map(raw)), setInOrder());
  return encode(seq(oid(OID.signedData), explicit(0, signedData)));
}
