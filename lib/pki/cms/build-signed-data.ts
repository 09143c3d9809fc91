/**
 * SignedData construction (RFC 5652 §5) for SCEP replies, signed profiles and whatever else Tessera signs: RSA or EC
 * signer, DER-sorted signed attributes, the signature made natively by Node.
 */
import crypto, { type KeyObject } from 'node:crypto';
import { digestAlgorithm, hashByName, signatureAlgorithm, signWith, type HashName } from '../algorithms';
import { contextCons, der, explicit, integer, integerContent, nullValue, octetString, oid, raw, seq, set, time, type Asn1 } from '../asn1';
import { OID } from '../oids';
import type { Certificate } from '../x509/certificate';

/** Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue } */
export const attribute = (attrOid: string, value: Asn1): Asn1 => seq(oid(attrOid), set(value));

export interface CmsSigner {
  certificate: Certificate;
  privateKey: KeyObject;
}

export interface SignedDataOptions {
  /**
   * The id-data eContent. A SCEP FAILURE or PENDING reply carries an empty one: OpenSSL-based clients (certmonger)
   * refuse a SignedData without eContent ("PKCS7 routines::no content"), and iOS accepts either.
   */
  content: Uint8Array;
  hash: HashName;
  signer: CmsSigner;
  /** Signed attributes besides contentType, signingTime and messageDigest. */
  attributes?: Asn1[];
  /** Written in this order: SCEP clients take the issued certificate from index 0 of a certs-only reply. */
  certificates: Uint8Array[];
  signingTime?: Date | null;
  /** Test clients imitating other implementations set these; Tessera itself keeps the defaults. */
  quirks?: {
    /** 'as-given' signs and sends the attributes unsorted (node-forge, older clients). */
    attributeOrder?: 'der-sorted' | 'as-given';
    /** 'rsa-signature' writes e.g. sha256WithRSAEncryption in digestAlgorithm (old Go pkcs7). */
    digestAlgorithmField?: 'hash' | 'rsa-signature';
    /** 'hash-with-rsa' writes sha256WithRSAEncryption instead of rsaEncryption as signatureAlgorithm. */
    signatureAlgorithm?: 'cms' | 'hash-with-rsa';
  };
}

const contentInfo = (signedData: Asn1): Asn1 => seq(oid(OID.signedData), explicit(0, signedData));

/** The SignedData wrapped in a ContentInfo, as an encodable tree. */
export function signedDataTree(opts: SignedDataOptions): Asn1 {
  const hash = hashByName(opts.hash);
  const q = opts.quirks ?? {};
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    ...(opts.signingTime ? [attribute(OID.signingTime, time(opts.signingTime))] : []),
    attribute(OID.messageDigest, octetString(crypto.createHash(hash.node).update(opts.content).digest())),
    ...(opts.attributes ?? []),
  ];
  const attrSet = der(q.attributeOrder === 'as-given' ? { kind: 'cons', tag: 0x31, children: attrs } : set(...attrs));
  const signedAttrs = Uint8Array.from(attrSet);
  signedAttrs[0] = 0xa0; // [0] IMPLICIT SET OF Attribute; the signature covers the 0x31 form (RFC 5652 §5.4)
  const digestAlg = q.digestAlgorithmField === 'rsa-signature' ? seq(oid(hash.rsaSignatureOid), nullValue()) : digestAlgorithm(hash);
  const key = opts.signer.privateKey;
  // SignerInfo (RFC 5652 §5.3), version 1 because sid is issuerAndSerialNumber.
  const signerInfo = seq(
    integer(1),
    seq(raw(opts.signer.certificate.issuerDer), integerContent(opts.signer.certificate.serial)),
    digestAlg,
    raw(signedAttrs),
    signatureAlgorithm(key, hash, q.signatureAlgorithm === 'hash-with-rsa' ? 'x509' : 'cms'),
    octetString(signWith(key, opts.hash, attrSet)),
  );
  // Version 1: id-data content, only X.509 v3 certificates, v1 SignerInfos (RFC 5652 §5.1).
  return contentInfo(
    seq(integer(1), set(digestAlg), seq(oid(OID.data), explicit(0, octetString(opts.content))), contextCons(0, opts.certificates.map(raw)), set(signerInfo)),
  );
}

export const buildSignedData = (opts: SignedDataOptions): Uint8Array => der(signedDataTree(opts));

/**
 * Degenerate certs-only SignedData (RFC 8894 §3.4, RFC 5652 §5): no digest algorithms, no eContent, no signers.
 * Certificates keep the caller's order: SCEP clients take the issued certificate from index 0.
 */
export const buildCertsOnlySignedData = (certificates: Uint8Array[]): Uint8Array =>
  der(contentInfo(seq(integer(1), set(), seq(oid(OID.data)), contextCons(0, certificates.map(raw)), set())));
