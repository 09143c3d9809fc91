/**
 * Test material: a SCEP CA (through lib/pki/x509) and client identities the way SCEP clients make them — a key,
 * a PKCS#10 with an optional challengePassword, and a throw-away self-signed certificate for signing the
 * pkiMessage (RFC 8894 §2.3). CSRs and self-signed certificates are built with node-forge; keys come from Node.
 */
import crypto from 'node:crypto';
import forge from 'node-forge';
import { createCaCertificate, issueCertificate, parseCertificate, parseCsr } from '../../../lib/pki/x509';

export interface TestCa {
  certificateDer: Uint8Array;
  privateKey: crypto.KeyObject;
}

export function createTestCa(subject = 'CN=Tessera Test SCEP CA,O=Tessera Tests', now = new Date()): TestCa {
  const ca = createCaCertificate({ subject, keyBits: 2048, now });
  return { certificateDer: ca.certificateDer, privateKey: ca.privateKey };
}

export interface ClientIdentity {
  privateKey: crypto.KeyObject;
  /** Self-signed certificate over the same key (the pkiMessage signer for a first enrolment). */
  certificateDer: Uint8Array;
  csrDer: Uint8Array;
}

export interface ClientIdentityOptions {
  bits?: number;
  commonName?: string;
  challenge?: string | null;
  /** Reuse a key (e.g. to build several CSRs for the same key). */
  privateKey?: crypto.KeyObject;
  /** Challenge string type: PrintableString (forge default) or UTF8String. */
  challengeType?: 'printable' | 'utf8';
}

const keyCache = new Map<number, crypto.KeyObject[]>();

/** RSA keys are cached per size and handed out round-robin from a small pool, to keep tests fast. */
export function testRsaKey(bits = 2048, index = 0): crypto.KeyObject {
  const pool = keyCache.get(bits) ?? [];
  while (pool.length <= index) pool.push(crypto.generateKeyPairSync('rsa', { modulusLength: bits }).privateKey);
  keyCache.set(bits, pool);
  return pool[index];
}

export function toForgeKey(key: crypto.KeyObject): forge.pki.rsa.PrivateKey {
  return forge.pki.privateKeyFromPem(key.export({ type: 'pkcs1', format: 'pem' }).toString());
}

const toBytes = (asn: forge.asn1.Asn1): Uint8Array => Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary');

export function createClientIdentity(opts: ClientIdentityOptions = {}): ClientIdentity {
  const privateKey = opts.privateKey ?? testRsaKey(opts.bits ?? 2048);
  const fkey = toForgeKey(privateKey);
  const publicKey = forge.pki.setRsaPublicKey(fkey.n, fkey.e);
  const subject = [{ name: 'commonName', value: opts.commonName ?? 'Test Device' }];

  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = publicKey;
  csr.setSubject(subject);
  if (opts.challenge) {
    // forge's typings call this field a Class, but it is the universal tag number of the value (forge default UTF8).
    const tag = opts.challengeType === 'utf8' ? forge.asn1.Type.UTF8 : forge.asn1.Type.PRINTABLESTRING;
    const valueTagClass = tag as unknown as forge.asn1.Class;
    csr.setAttributes([{ name: 'challengePassword', value: opts.challenge, valueTagClass }]);
  }
  csr.sign(fkey, forge.md.sha256.create());

  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.UTC(2025, 0, 1));
  cert.validity.notAfter = new Date(Date.UTC(2035, 0, 1));
  // iOS uses a random UUID as CN for its temporary signer.
  cert.setSubject([{ name: 'commonName', value: crypto.randomUUID().toUpperCase() }]);
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([{ name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true }]);
  cert.sign(fkey, forge.md.sha256.create());

  return {
    privateKey,
    certificateDer: toBytes(forge.pki.certificateToAsn1(cert)),
    csrDer: toBytes(forge.pki.certificationRequestToAsn1(csr)),
  };
}

/** A certificate issued by `ca` for `identity`'s CSR (for RenewalReq / renewal-by-PKCSReq tests). */
export function issueForIdentity(ca: TestCa, identity: ClientIdentity, now = new Date()): Uint8Array {
  const csr = parseCsr(identity.csrDer);
  return issueCertificate({
    role: 'leaf',
    issuer: { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey },
    subject: csr.subject,
    subjectKey: csr.publicKeySpki,
    validityDays: 365,
    now,
  }).der;
}
