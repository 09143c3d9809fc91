/**
 * Opens a signed profile (CMS SignedData with embedded content) and checks it the way a device does before trust:
 * the messageDigest attribute matches the content and the signature over the signed attributes verifies with the
 * signer certificate found in `certificates`. Chain trust is NOT evaluated here (tests use `openssl cms -verify`).
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { DIGESTS, OID, SIGNATURE_ALGORITHMS } from './cms-oids';
import { children, decodeOid, decodeTime, expectTag, parseDer, Tag, type Node } from './der';
import { ProfileError } from './errors';

export interface VerifiedProfile {
  /** The embedded plist, decoded as UTF-8. */
  plistXml: string;
  /** The embedded bytes exactly as signed. */
  content: Buffer;
  signerCertificateDer: Buffer;
  /** Every certificate in SignedData.certificates (signer and chain). */
  certificatesDer: Buffer[];
  signingTime: Date | null;
}

function fail(message: string): never {
  throw new ProfileError('SIGNED_PROFILE_INVALID', message);
}

function issuerAndSerialOf(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const tbs = children(children(parseDer(certDer))[0]);
  const fields = tbs[0]?.tag === Tag.context(0) ? tbs.slice(1) : tbs;
  return { serial: fields[0].raw, issuer: fields[2].raw };
}

function readAttributes(node: Node): Map<string, Node[]> {
  const attrs = new Map<string, Node[]>();
  for (const attr of children(node)) {
    const [type, values] = children(expectTag(attr, Tag.Sequence, 'Attribute'));
    const name = decodeOid(type);
    if (attrs.has(name)) fail(`signed attribute ${name} appears twice`);
    attrs.set(name, children(expectTag(values, Tag.Set, 'attribute values')));
  }
  return attrs;
}

function open(der: Uint8Array): VerifiedProfile {
  const [contentType, explicit] = children(expectTag(parseDer(der), Tag.Sequence, 'ContentInfo'));
  if (decodeOid(contentType) !== OID.signedData) fail('ContentInfo is not SignedData');
  const fields = children(expectTag(children(expectTag(explicit, Tag.context(0), '[0] content'))[0], Tag.Sequence, 'SignedData'));
  const [, , encap, ...rest] = fields;
  const [eContentType, eContentExplicit] = children(expectTag(encap, Tag.Sequence, 'EncapsulatedContentInfo'));
  if (decodeOid(eContentType) !== OID.data) fail('eContentType is not id-data');
  if (!eContentExplicit) fail('content is detached; a profile must embed its plist');
  const eContent = children(expectTag(eContentExplicit, Tag.context(0), '[0] eContent'))[0];
  const content = Buffer.from(expectTag(eContent, Tag.OctetString, 'primitive OCTET STRING eContent').value);

  const certsNode = rest.find((n) => n.tag === Tag.context(0));
  const certificatesDer = certsNode ? children(certsNode).map((c) => Buffer.from(c.raw)) : [];
  const signerInfos = children(expectTag(rest[rest.length - 1], Tag.Set, 'SignerInfos'));
  if (signerInfos.length !== 1) fail(`expected exactly one SignerInfo, found ${signerInfos.length}`);

  const si = children(expectTag(signerInfos[0], Tag.Sequence, 'SignerInfo'));
  if (si[0].value.length !== 1 || si[0].value[0] !== 1) fail('only version 1 SignerInfo (issuer and serial) is supported');
  const [sidIssuer, sidSerial] = children(expectTag(si[1], Tag.Sequence, 'IssuerAndSerialNumber'));
  const hash = DIGESTS[decodeOid(children(si[2])[0])] ?? fail('unsupported digest algorithm');
  const signedAttrsNode = si[3]?.tag === Tag.context(0) ? si[3] : null;
  const [sigAlgNode, signatureNode] = signedAttrsNode ? si.slice(4) : si.slice(3);
  if (!SIGNATURE_ALGORITHMS.has(decodeOid(children(sigAlgNode)[0]))) fail('unsupported signature algorithm');
  const signature = expectTag(signatureNode, Tag.OctetString, 'signature').value;

  const signerCertificateDer =
    certificatesDer.find((c) => {
      const ids = issuerAndSerialOf(c);
      return ids.issuer.equals(sidIssuer.raw) && ids.serial.equals(sidSerial.raw);
    }) ?? fail('signer certificate is not in SignedData.certificates');

  let signedBytes: Buffer = content;
  let signingTime: Date | null = null;
  if (signedAttrsNode) {
    const attrs = readAttributes(signedAttrsNode);
    // RFC 5652 §5.3: with signed attributes, contentType and messageDigest are mandatory.
    const ct = attrs.get(OID.contentType);
    if (!ct || ct.length !== 1 || decodeOid(ct[0]) !== OID.data) fail('contentType attribute missing or not id-data');
    const md = attrs.get(OID.messageDigest);
    if (!md || md.length !== 1) fail('messageDigest attribute missing');
    if (!createHash(hash).update(content).digest().equals(expectTag(md[0], Tag.OctetString, 'messageDigest').value)) {
      fail('messageDigest does not match the content');
    }
    const st = attrs.get(OID.signingTime);
    if (st?.length === 1) signingTime = decodeTime(st[0]);
    // §5.4: the signature covers the attributes re-tagged as an explicit SET OF.
    signedBytes = Buffer.concat([Buffer.from([Tag.Set]), signedAttrsNode.raw.subarray(1)]);
  }
  const publicKey = new X509Certificate(signerCertificateDer).publicKey;
  if (!verify(hash, signedBytes, publicKey, signature)) fail('signature does not verify with the signer certificate');

  let plistXml: string;
  try {
    plistXml = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    fail('content is not UTF-8');
  }
  return { plistXml, content, signerCertificateDer, certificatesDer, signingTime };
}

/** Throws ProfileError('SIGNED_PROFILE_INVALID') on any structural or cryptographic failure. */
export function verifySignedProfile(der: Uint8Array): VerifiedProfile {
  try {
    return open(der);
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    fail(`malformed SignedData: ${e instanceof Error ? e.message : String(e)}`);
  }
}
