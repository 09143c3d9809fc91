/**
 * SignerInfo verification (RFC 5652 §5.4, §5.6, §11.2): contentType and messageDigest attributes, then the
 * signature over the signed attributes. node-forge cannot verify PKCS#7, so this is done by hand with Node crypto.
 */
import crypto from 'node:crypto';
import { hashByOid, HASHES, OID, type HashSpec } from './algorithms';
import { findAttribute, type ParsedSignedData, type ParsedSignerInfo } from './signed-data';
import { UTag } from './ber';
import { oidContent } from './der';

export type SignatureCheckFailure =
  | 'unsupported-algorithm'
  | 'legacy-algorithm'
  | 'missing-signed-attributes'
  | 'bad-content-type'
  | 'bad-message-digest'
  | 'bad-signature';

export type SignatureCheck =
  | { ok: true; hash: HashSpec; form: 'as-received' | 'der' | 'der-sorted' }
  | { ok: false; code: SignatureCheckFailure; detail: string; hash: HashSpec | null };

const ECDSA_OIDS = new Set(['1.2.840.10045.4.1', '1.2.840.10045.4.3.1', '1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4']);

function signatureAlgorithmAccepted(oid: string): boolean {
  return oid === OID.rsaEncryption || HASHES.some((h) => h.rsaSignatureOid === oid) || ECDSA_OIDS.has(oid);
}

/** Resolves the digest of a SignerInfo; accepts a hash OID or a sha*WithRSAEncryption OID in that field. */
export function signerDigest(si: ParsedSignerInfo): HashSpec | null {
  return hashByOid(si.digestAlgorithmOid);
}

export function verifySignerInfo(
  sd: ParsedSignedData,
  si: ParsedSignerInfo,
  signerKey: crypto.KeyObject,
  opts: { allowMd5: boolean },
): SignatureCheck {
  const hash = signerDigest(si);
  if (!hash) {
    return { ok: false, code: 'unsupported-algorithm', detail: `unsupported digest algorithm ${si.digestAlgorithmOid}`, hash: null };
  }
  if (hash.name === 'MD5' && !opts.allowMd5) {
    return { ok: false, code: 'legacy-algorithm', detail: 'request used the MD5 digest', hash };
  }
  if (!signatureAlgorithmAccepted(si.signatureAlgorithmOid)) {
    return {
      ok: false,
      code: 'unsupported-algorithm',
      detail: `unsupported signature algorithm ${si.signatureAlgorithmOid}`,
      hash,
    };
  }
  if (!si.signedAttrsRaw || !si.signedAttrsDer || !si.signedAttrsSortedDer) {
    return { ok: false, code: 'missing-signed-attributes', detail: 'SignerInfo has no signed attributes', hash };
  }
  const contentType = findAttribute(si.signedAttrs, OID.contentType);
  if (!contentType || contentType.tag !== UTag.oid || Buffer.compare(contentType.bytes, oidContent(sd.eContentType)) !== 0) {
    return { ok: false, code: 'bad-content-type', detail: 'contentType attribute missing or not the eContentType', hash };
  }
  const digest = findAttribute(si.signedAttrs, OID.messageDigest);
  const expected = crypto.createHash(hash.node).update(sd.eContent ?? new Uint8Array(0)).digest();
  const digestOk =
    digest !== null &&
    digest.tag === UTag.octetString &&
    digest.bytes.length === expected.length &&
    crypto.timingSafeEqual(digest.bytes, expected);
  if (!digestOk) {
    return { ok: false, code: 'bad-message-digest', detail: 'messageDigest does not match the content', hash };
  }
  const candidates: Array<[Uint8Array, 'as-received' | 'der' | 'der-sorted']> = [
    [si.signedAttrsRaw, 'as-received'],
    [si.signedAttrsDer, 'der'],
    [si.signedAttrsSortedDer, 'der-sorted'],
  ];
  const tried: Uint8Array[] = [];
  for (const [bytes, form] of candidates) {
    if (tried.some((t) => Buffer.compare(t, bytes) === 0)) continue;
    tried.push(bytes);
    let valid = false;
    try {
      valid = crypto.verify(hash.node, bytes, signerKey, si.signature);
    } catch {
      valid = false;
    }
    if (valid) return { ok: true, hash, form };
  }
  return { ok: false, code: 'bad-signature', detail: 'the signature over the signed attributes does not verify', hash };
}
