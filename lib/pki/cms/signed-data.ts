/**
 * ContentInfo/SignedData (RFC 5652 §3, §5) read from BER, keeping the signed attributes exactly as received, and
 * SignerInfo verification (RFC 5652 §5.4, §5.6, §11.2): contentType and messageDigest attributes, then the signature
 * over the signed attributes — as received, else as DER, else as DER with the SET OF sorted, because clients differ
 * in which encoding they sign.
 */
import crypto, { type KeyObject } from 'node:crypto';
import { hashByOid, signatureDigest, verifySignature, type HashSpec } from '../algorithms';
import { childrenOf, contentOf, der, isContext, isUniversal, need, parseBer, raw, rawOf, readInteger, readOid, readOctetString, readSmallInteger, set, toDer, UTag, type Asn1Node } from '../asn1';
import { Asn1Error, CmsError } from '../errors';
import { OID } from '../oids';

export interface Attribute {
  oid: string;
  values: Asn1Node[];
}

export type SignerIdentifier = { issuerDer: Uint8Array; serial: Uint8Array } | { subjectKeyIdentifier: Uint8Array };

export interface ParsedSignerInfo {
  version: number;
  sid: SignerIdentifier;
  digestAlgorithmOid: string;
  signatureAlgorithmOid: string;
  /** The [0] IMPLICIT SET OF Attribute as received, or null when absent. */
  signedAttrsNode: Asn1Node | null;
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

const algorithmOid = (n: Asn1Node | undefined, what: string) => readOid(childrenOf(n, what)[0]);

function readSignerInfo(n: Asn1Node): ParsedSignerInfo {
  const f = childrenOf(n, 'SignerInfo');
  const sidNode = need(f[1], 'sid');
  let sid: SignerIdentifier;
  if (isContext(sidNode, 0)) sid = { subjectKeyIdentifier: contentOf(sidNode) };
  else {
    const [issuer, serial] = childrenOf(sidNode, 'IssuerAndSerialNumber');
    sid = { issuerDer: rawOf(need(issuer, 'issuer')), serial: readInteger(serial) };
  }
  const attrs = isContext(f[3], 0) ? f[3] : null;
  const i = attrs ? 4 : 3;
  return {
    version: readSmallInteger(f[0]),
    sid,
    digestAlgorithmOid: algorithmOid(f[2], 'digestAlgorithm'),
    signatureAlgorithmOid: algorithmOid(f[i], 'signatureAlgorithm'),
    signedAttrsNode: attrs,
    signedAttrs: (attrs?.children ?? []).map((a) => {
      const [type, values] = childrenOf(a, 'Attribute');
      return { oid: readOid(type), values: childrenOf(values, 'attrValues', UTag.set) };
    }),
    signature: readOctetString(f[i + 1]),
  };
}

/** eContent [0] EXPLICIT OCTET STRING, tolerating several OCTET STRINGs inside the [0] (old PKCS#7 BER). */
const readEContent = (n: Asn1Node): Uint8Array => Buffer.concat(n.children.map((c) => readOctetString(c)));

/** Reads a ContentInfo of type signedData. Throws CmsError('malformed') on anything else. */
export function parseSignedData(input: Uint8Array): ParsedSignedData {
  try {
    const [typeNode, content] = childrenOf(parseBer(input), 'ContentInfo');
    if (readOid(typeNode) !== OID.signedData) throw new Asn1Error('malformed', 'ContentInfo is not signedData');
    if (!isContext(content, 0)) throw new Asn1Error('malformed', 'missing ContentInfo content');
    const f = childrenOf(content.children[0], 'SignedData');
    const [eTypeNode, eContentNode] = childrenOf(f[2], 'EncapsulatedContentInfo');
    let i = 3;
    const certificates = isContext(f[i], 0) ? f[i++]!.children.map(rawOf) : [];
    if (isContext(f[i], 1)) i++; // crls: not used by SCEP
    return {
      version: readSmallInteger(f[0]),
      digestAlgorithmOids: childrenOf(f[1], 'digestAlgorithms', UTag.set).map((a) => algorithmOid(a, 'AlgorithmIdentifier')),
      eContentType: readOid(eTypeNode),
      eContent: isContext(eContentNode, 0) ? readEContent(eContentNode) : null,
      certificates,
      signerInfos: childrenOf(f[i], 'signerInfos', UTag.set).map(readSignerInfo),
    };
  } catch (e) {
    if (!(e instanceof Asn1Error)) throw e;
    throw new CmsError('malformed', `not a CMS SignedData: ${e.message}`, { cause: e });
  }
}

/** The single value of an attribute, or null when it is absent or multi-valued. */
export function findAttribute(attrs: Attribute[], oid: string): Asn1Node | null {
  const attr = attrs.find((a) => a.oid === oid);
  return attr && attr.values.length === 1 ? attr.values[0]! : null;
}

/**
 * The encodings a signature over signed attributes may cover (RFC 5652 §5.4 signs them as an explicit SET OF): as
 * received (re-tagged 0x31), in DER with the received order, and canonical DER with the SET OF sorted.
 */
export function signedAttributeEncodings(node: Asn1Node): { asReceived: Uint8Array; der: Uint8Array; sortedDer: Uint8Array } {
  const asReceived = Uint8Array.from(rawOf(node));
  asReceived[0] = 0x31;
  return {
    asReceived,
    der: der({ kind: 'cons', tag: 0x31, children: node.children.map((c) => raw(toDer(c))) }),
    sortedDer: der(set(...node.children.map((c) => raw(toDer(c, { sortSets: true }))))),
  };
}

function oidOrNull(n: Asn1Node): string | null {
  try {
    return readOid(n);
  } catch {
    return null;
  }
}

export type SignatureCheckFailure = 'unsupported-algorithm' | 'legacy-algorithm' | 'missing-signed-attributes' | 'bad-content-type' | 'bad-message-digest' | 'bad-signature';

export type SignatureCheck =
  | { ok: true; hash: HashSpec; form: 'as-received' | 'der' | 'der-sorted' }
  | { ok: false; code: SignatureCheckFailure; detail: string; hash: HashSpec | null };

export function verifySignerInfo(sd: ParsedSignedData, si: ParsedSignerInfo, signerKey: KeyObject, opts: { allowMd5: boolean }): SignatureCheck {
  const hash = hashByOid(si.digestAlgorithmOid);
  const no = (code: SignatureCheckFailure, detail: string): SignatureCheck => ({ ok: false, code, detail, hash });
  if (!hash) return no('unsupported-algorithm', `unsupported digest algorithm ${si.digestAlgorithmOid}`);
  if (hash.name === 'MD5' && !opts.allowMd5) return no('legacy-algorithm', 'request used the MD5 digest');
  if (!signatureDigest(si.signatureAlgorithmOid, signerKey, hash)) {
    return no('unsupported-algorithm', `unsupported signature algorithm ${si.signatureAlgorithmOid} for a ${signerKey.asymmetricKeyType ?? 'unknown'} key`);
  }
  if (!si.signedAttrsNode) return no('missing-signed-attributes', 'SignerInfo has no signed attributes');
  const contentType = findAttribute(si.signedAttrs, OID.contentType);
  if (!contentType || oidOrNull(contentType) !== sd.eContentType) return no('bad-content-type', 'contentType attribute missing or not the eContentType');
  const digest = findAttribute(si.signedAttrs, OID.messageDigest);
  const expected = crypto.createHash(hash.node).update(sd.eContent ?? new Uint8Array(0)).digest();
  const got = digest && isUniversal(digest, UTag.octetString) ? contentOf(digest) : null;
  if (!got || got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) return no('bad-message-digest', 'messageDigest does not match the content');
  const forms = signedAttributeEncodings(si.signedAttrsNode);
  const tried: Uint8Array[] = [];
  for (const [bytes, form] of [
    [forms.asReceived, 'as-received'],
    [forms.der, 'der'],
    [forms.sortedDer, 'der-sorted'],
  ] as const) {
    if (tried.some((t) => Buffer.compare(t, bytes) === 0)) continue;
    tried.push(bytes);
    if (verifySignature(hash, signerKey, bytes, si.signature)) return { ok: true, hash, form };
  }
  return no('bad-signature', 'the signature over the signed attributes does not verify');
}
