/**
 * Signs a profile as CMS SignedData (RFC 5652) with the plist embedded: the form iOS shows as "Verified" when the
 * signer chains to a trusted root. Equivalent to `openssl cms -sign -nodetach -binary -md sha256 -outform DER`, made
 * by lib/pki's one SignedData builder with Node's native RSA/ECDSA.
 */
import type { KeyObject } from 'node:crypto';
import { keyTypeOf } from '../pki/algorithms';
import { buildSignedData } from '../pki/cms';
import { CertificateError } from '../pki/errors';
import { parseCertificate, spkiOfKey, type Certificate } from '../pki/x509';
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

const invalid = (message: string) => new ProfileError('PROFILE_SIGNER_INVALID', message);

function readCertificate(der: Uint8Array, what: string): Certificate {
  try {
    return parseCertificate(der);
  } catch (e) {
    if (e instanceof CertificateError) throw invalid(`${what} is not a DER X.509 certificate`);
    throw e;
  }
}

/** DER ContentInfo(SignedData) with the plist bytes as eContent; the bytes are signed exactly as given. */
export function signProfile(plistXml: string | Uint8Array, signer: ProfileSigner, options: SignProfileOptions = {}): Uint8Array {
  const key = signer.privateKey;
  if (key.type !== 'private') throw invalid('signer.privateKey is not a private key');
  if (keyTypeOf(key) === 'other') throw invalid(`signer key type ${key.asymmetricKeyType ?? 'unknown'} is not supported (use RSA or EC)`);
  const certificate = readCertificate(signer.certificateDer, 'signer.certificateDer');
  if (Buffer.compare(spkiOfKey(key), certificate.spkiDer) !== 0) throw invalid('signer.privateKey does not match signer.certificateDer');
  const chain = signer.chainDer.map((d, i) => readCertificate(d, `signer.chainDer[${i}]`).der);
  const certificates = [certificate.der, ...chain].filter((c, i, all) => all.findIndex((o) => Buffer.compare(o, c) === 0) === i);
  return buildSignedData({
    content: typeof plistXml === 'string' ? Buffer.from(plistXml, 'utf8') : plistXml,
    hash: 'SHA-256',
    signer: { certificate, privateKey: key },
    certificates,
    signingTime: options.now ?? new Date(),
  });
}
