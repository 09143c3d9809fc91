/**
 * Signs a profile as CMS SignedData (RFC 5652) with the plist embedded: the form iOS shows as "Verified" when the
 * signer chains to a trusted root (developer.apple.com/forums/thread/699960). Equivalent to
 * `openssl cms -sign -nodetach -binary -md sha256 -outform DER`, but the RSA/ECDSA operation is Node's native crypto.
 */
import { createHash, createPublicKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { SHA256_OID, OID } from './cms-oids';
import { children, expectTag, integer, nullValue, octetString, oid, parseDer, sequence, setOf, Tag, time, tlv } from './der';
import { ProfileError } from './errors';

export interface ProfileSigner {
  /** DER certificate whose key signs; identified in SignerInfo by issuer and serial number. */
  certificateDer: Uint8Array;
  /** DER intermediates up to (optionally including) the root, shipped so the device can build the chain. */
  chainDer: Uint8Array[];
  /** RSA (PKCS#1 v1.5) or EC private key matching certificateDer. */
  privateKey: KeyObject;
}

export interface SignProfileOptions {
  /** signingTime attribute; injected for repeatable tests. */
  now?: Date;
}

/** RFC 5652 §10.2.1 IssuerAndSerialNumber, copied byte-for-byte from the certificate's TBSCertificate. */
function issuerAndSerial(certDer: Buffer): Buffer {
  const tbs = children(expectTag(children(parseDer(certDer))[0], Tag.Sequence, 'TBSCertificate'));
  const fields = tbs[0]?.tag === Tag.context(0) ? tbs.slice(1) : tbs; // skip [0] version
  const serial = expectTag(fields[0], Tag.Integer, 'serialNumber');
  const issuer = expectTag(fields[2], Tag.Sequence, 'issuer Name');
  return sequence(issuer.raw, serial.raw);
}

function signatureAlgorithm(key: KeyObject): Buffer {
  // rsaEncryption with NULL parameters is what OpenSSL writes for PKCS#1 v1.5 SignerInfos (RFC 3370 §3.2).
  if (key.asymmetricKeyType === 'rsa') return sequence(oid(OID.rsaEncryption), nullValue());
  if (key.asymmetricKeyType === 'ec') return sequence(oid(OID.ecdsaWithSha256)); // RFC 5758 §3.2: no parameters
  throw new ProfileError('PROFILE_SIGNER_INVALID', `signer key type ${key.asymmetricKeyType ?? 'unknown'} is not supported (use RSA or EC)`);
}

function checkSigner(signer: ProfileSigner): { cert: Buffer; chain: Buffer[] } {
  if (signer.privateKey.type !== 'private') throw new ProfileError('PROFILE_SIGNER_INVALID', 'signer.privateKey is not a private key');
  const cert = Buffer.from(signer.certificateDer);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new ProfileError('PROFILE_SIGNER_INVALID', 'signer.certificateDer is not a DER X.509 certificate');
  }
  const certSpki = x509.publicKey.export({ type: 'spki', format: 'der' });
  const keySpki = createPublicKey(signer.privateKey).export({ type: 'spki', format: 'der' });
  if (!certSpki.equals(keySpki)) throw new ProfileError('PROFILE_SIGNER_INVALID', 'signer.privateKey does not match signer.certificateDer');
  const chain = signer.chainDer.map((d, i) => {
    try {
      return Buffer.from(new X509Certificate(Buffer.from(d)).raw);
    } catch {
      throw new ProfileError('PROFILE_SIGNER_INVALID', `signer.chainDer[${i}] is not a DER X.509 certificate`);
    }
  });
  return { cert, chain };
}

/** DER ContentInfo(SignedData) with the plist bytes as eContent; the bytes are signed exactly as given. */
export function signProfile(plistXml: string | Uint8Array, signer: ProfileSigner, options: SignProfileOptions = {}): Buffer {
  const content = typeof plistXml === 'string' ? Buffer.from(plistXml, 'utf8') : Buffer.from(plistXml);
  const { cert, chain } = checkSigner(signer);
  const sigAlg = signatureAlgorithm(signer.privateKey);
  // RFC 5754 §2: SHA-2 AlgorithmIdentifiers omit parameters.
  const sha256 = sequence(oid(SHA256_OID));

  // RFC 5652 §5.4: with signed attributes present, the signature covers their DER encoding as an explicit SET OF
  // (tag 0x31), while SignerInfo carries the same content under [0] IMPLICIT.
  const attributes = [
    sequence(oid(OID.contentType), setOf([oid(OID.data)])),
    sequence(oid(OID.signingTime), setOf([time(options.now ?? new Date())])),
    sequence(oid(OID.messageDigest), setOf([octetString(createHash('sha256').update(content).digest())])),
  ];
  const signedAttrs = setOf(attributes);
  const signature = sign('sha256', signedAttrs, signer.privateKey);

  const signerInfo = sequence(
    integer(1), // version 1: sid is IssuerAndSerialNumber
    issuerAndSerial(cert),
    sha256,
    Buffer.concat([Buffer.from([Tag.context(0)]), signedAttrs.subarray(1)]),
    sigAlg,
    octetString(signature),
  );

  const unique = [cert, ...chain].filter((c, i, all) => all.findIndex((o) => o.equals(c)) === i);
  const signedData = sequence(
    integer(1), // RFC 5652 §5.1: version 1 — id-data content, no v3 certs/attribute certs/other CRLs, v1 SignerInfo
    setOf([sha256]),
    sequence(oid(OID.data), tlv(Tag.context(0), octetString(content))),
    setOf(unique, Tag.context(0)), // certificates [0] IMPLICIT SET OF Certificate
    setOf([signerInfo]),
  );
  return sequence(oid(OID.signedData), tlv(Tag.context(0), signedData));
}
