/**
 * Parsing of ContentInfo/SignedData (RFC 5652 §3, §5) from BER, keeping the signed attributes exactly as
 * received so their signature can be checked over the original bytes (RFC 5652 §5.4).
 */
import {
  BerError,
  expectSequence,
  expectUniversal,
  isContext,
  isUniversal,
  parseBer,
  rawOf,
  readIntegerBytes,
  readOid,
  readSmallInteger,
  tlvBytes,
  toDer,
  UTag,
  valueOf,
  type BerNode,
} from './ber';
import { OID } from './algorithms';
import { CmsError } from './errors';

export interface AttributeValue {
  /** Universal tag number of the value (e.g. 19 PrintableString, 4 OCTET STRING); -1 for non-universal. */
  tag: number;
  /** Content octets (constructed strings concatenated). */
  bytes: Uint8Array;
}

export interface Attribute {
  oid: string;
  values: AttributeValue[];
}

export type SignerIdentifier = { issuerDer: Uint8Array; serial: Uint8Array } | { subjectKeyIdentifier: Uint8Array };

export interface ParsedSignerInfo {
  version: number;
  sid: SignerIdentifier;
  digestAlgorithmOid: string;
  signatureAlgorithmOid: string;
  /** The [0] IMPLICIT SET OF Attribute element as received (tag 0xA0), or null when absent. */
  signedAttrsRaw: Uint8Array | null;
  /** The same element in DER with its attributes kept in received order / DER-sorted (fallbacks). */
  signedAttrsDer: Uint8Array | null;
  signedAttrsSortedDer: Uint8Array | null;
  signedAttrs: Attribute[];
  signature: Uint8Array;
}

export interface ParsedSignedData {
  version: number;
  digestAlgorithmOids: string[];
  eContentType: string;
  /** The encapsulated content octets (segments of a constructed OCTET STRING concatenated), or null if absent. */
  eContent: Uint8Array | null;
  /** Each certificate exactly as received. */
  certificates: Uint8Array[];
  signerInfos: ParsedSignerInfo[];
}

function need(node: BerNode | undefined, what: string): BerNode {
  if (!node) throw new BerError(`missing ${what}`);
  return node;
}

function readAlgorithmOid(buf: Uint8Array, node: BerNode | undefined, what: string): string {
  return readOid(buf, expectSequence(node, what)[0]);
}

function readAttributes(buf: Uint8Array, node: BerNode): Attribute[] {
  return node.children.map((attr) => {
    const [type, values] = expectSequence(attr, 'Attribute');
    const set = expectUniversal(values, UTag.set, 'attrValues');
    return {
      oid: readOid(buf, type),
      values: set.children.map((v) => ({ tag: v.cls === 0 ? v.tagNumber : -1, bytes: valueOf(buf, v) })),
    };
  });
}

/** Re-tags [0] IMPLICIT as the universal SET the signature covers (RFC 5652 §5.4: "EXPLICIT SET OF"). */
function withSetTag(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[0] = 0x31;
  return copy;
}

function readSignerInfo(buf: Uint8Array, node: BerNode): ParsedSignerInfo {
  const f = expectSequence(node, 'SignerInfo');
  const version = readSmallInteger(buf, f[0]);
  const sidNode = need(f[1], 'sid');
  let sid: SignerIdentifier;
  if (isContext(sidNode, 0)) {
    sid = { subjectKeyIdentifier: valueOf(buf, sidNode) };
  } else {
    const [issuer, serial] = expectSequence(sidNode, 'IssuerAndSerialNumber');
    sid = { issuerDer: rawOf(buf, need(issuer, 'issuer')), serial: readIntegerBytes(buf, serial) };
  }
  const digestAlgorithmOid = readAlgorithmOid(buf, f[2], 'digestAlgorithm');
  let i = 3;
  let attrsNode: BerNode | null = null;
  if (isContext(f[i], 0)) attrsNode = f[i++];
  const signatureAlgorithmOid = readAlgorithmOid(buf, f[i++], 'signatureAlgorithm');
  const signature = valueOf(buf, expectUniversal(f[i], UTag.octetString, 'signature'));
  let signedAttrsRaw: Uint8Array | null = null;
  let signedAttrsDer: Uint8Array | null = null;
  let signedAttrsSortedDer: Uint8Array | null = null;
  if (attrsNode) {
    signedAttrsRaw = withSetTag(rawOf(buf, attrsNode));
    const parts = attrsNode.children.map((c) => toDer(buf, c));
    signedAttrsDer = setTlv(parts);
    signedAttrsSortedDer = setTlv([...parts].sort(Buffer.compare));
  }
  return {
    version,
    sid,
    digestAlgorithmOid,
    signatureAlgorithmOid,
    signedAttrsRaw,
    signedAttrsDer,
    signedAttrsSortedDer,
    signedAttrs: attrsNode ? readAttributes(buf, attrsNode) : [],
    signature,
  };
}

const setTlv = (parts: Uint8Array[]): Uint8Array => tlvBytes(0x31, Buffer.concat(parts));

/** Reads eContent [0] EXPLICIT OCTET STRING, tolerating several OCTET STRINGs inside the [0] (old PKCS#7 BER). */
function readEContent(buf: Uint8Array, node: BerNode): Uint8Array {
  const parts = node.children.map((c) => {
    if (!isUniversal(c, UTag.octetString)) throw new BerError('eContent is not an OCTET STRING');
    return valueOf(buf, c);
  });
  return Buffer.concat(parts);
}

/** Reads a ContentInfo of type signedData. Throws CmsError('malformed') on anything else. */
export function parseSignedData(input: Uint8Array): ParsedSignedData {
  try {
    const buf = input;
    const [typeNode, contentNode] = expectSequence(parseBer(buf), 'ContentInfo');
    if (readOid(buf, typeNode) !== OID.signedData) throw new BerError('ContentInfo is not signedData');
    if (!isContext(contentNode, 0)) throw new BerError('missing ContentInfo content');
    const f = expectSequence(contentNode.children[0], 'SignedData');
    const version = readSmallInteger(buf, f[0]);
    const digestSet = expectUniversal(f[1], UTag.set, 'digestAlgorithms');
    const digestAlgorithmOids = digestSet.children.map((a) => readAlgorithmOid(buf, a, 'AlgorithmIdentifier'));
    const [eTypeNode, eContentNode] = expectSequence(f[2], 'EncapsulatedContentInfo');
    const eContentType = readOid(buf, eTypeNode);
    const eContent = isContext(eContentNode, 0) ? readEContent(buf, eContentNode) : null;
    let i = 3;
    const certificates: Uint8Array[] = [];
    if (isContext(f[i], 0)) {
      for (const c of f[i].children) certificates.push(rawOf(buf, c));
      i++;
    }
    if (isContext(f[i], 1)) i++; // crls: not used by SCEP requests
    const signerSet = expectUniversal(f[i], UTag.set, 'signerInfos');
    return {
      version,
      digestAlgorithmOids,
      eContentType,
      eContent,
      certificates,
      signerInfos: signerSet.children.map((s) => readSignerInfo(buf, s)),
    };
  } catch (e) {
    if (e instanceof CmsError) throw e;
    throw new CmsError('malformed', `not a CMS SignedData: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function findAttribute(attrs: Attribute[], oid: string): AttributeValue | null {
  const attr = attrs.find((a) => a.oid === oid);
  return attr && attr.values.length === 1 ? attr.values[0] : null;
}
