/**
 * Imports an existing CA identity (certificate + private key, optionally a chain) that an admin uploads instead of
 * letting Tessera create one: PEM files or a PKCS#12 (.p12/.pfx) bundle. The key always ends up as a Node KeyObject,
 * so every later RSA operation runs in native code.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { CodedError } from '../errors';
import { parseCertificate, type Certificate } from './certificate';
import { spkiOfKey } from './issue';
import { pemBlocks } from './pem';

export interface ImportIdentityInput {
  /** One or more CERTIFICATE blocks (leaf and chain, any order); may also hold the private key. */
  certPem?: string;
  /** PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY") or PKCS#8 (plain or "ENCRYPTED PRIVATE KEY"). */
  keyPem?: string;
  pkcs12?: Buffer;
  /** Password for the PKCS#12 bundle or an encrypted PEM key. */
  password?: string;
}

export interface ImportedIdentity {
  certificateDer: Uint8Array;
  /** The other certificates, issuer-ordered from the leaf upward where the names allow it. */
  chainDer: Uint8Array[];
  privateKey: KeyObject;
}

export type ImportIdentityErrorCode = 'invalid-input' | 'no-certificate' | 'no-key' | 'bad-password' | 'key-mismatch' | 'unreadable';

export class ImportIdentityError extends CodedError<ImportIdentityErrorCode> {}

const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);

function isPasswordError(e: unknown): boolean {
  const err = e as { code?: string; message?: string; opensslErrorStack?: string[] };
  const text = [err.message ?? '', ...(err.opensslErrorStack ?? [])].join(' ');
  return (
    err.code === 'ERR_MISSING_PASSPHRASE' ||
    /passphrase|password|bad decrypt|MAC could not be verified|Unable to decrypt/i.test(text)
  );
}

function readPemKey(pem: string, password: string | undefined): KeyObject {
  const encrypted = pem.includes('ENCRYPTED PRIVATE KEY') || pem.includes('Proc-Type: 4,ENCRYPTED');
  if (encrypted && !password) throw new ImportIdentityError('bad-password', 'the private key is encrypted: a password is required');
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: password });
  } catch (e) {
    // A wrong password sometimes yields valid CBC padding and then garbage DER (about 1 in 256 tries), so for an
    // encrypted key every failure is reported as a password problem.
    if (encrypted || isPasswordError(e)) {
      throw new ImportIdentityError('bad-password', 'the password does not decrypt the private key (or the key file is damaged)', { cause: e });
    }
    throw new ImportIdentityError('unreadable', `the private key could not be read: ${(e as Error).message}`, { cause: e });
  }
}

function fromPem(input: ImportIdentityInput): { certs: Buffer[]; key: KeyObject } {
  const blocks = [...pemBlocks(input.certPem ?? ''), ...pemBlocks(input.keyPem ?? '')];
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
  const keyBlock = blocks.find((b) => KEY_LABELS.has(b.label));
  if (!keyBlock) throw new ImportIdentityError('no-key', 'no private key found (expected a PEM "PRIVATE KEY" block)');
  // Re-read from the original text so RFC 1421 headers of legacy encrypted PKCS#1 keys reach OpenSSL intact.
  const keyText = [input.keyPem, input.certPem].find((t) => t?.includes(`-----BEGIN ${keyBlock.label}-----`)) ?? '';
  const start = keyText.indexOf(`-----BEGIN ${keyBlock.label}-----`);
  const endMarker = `-----END ${keyBlock.label}-----`;
  const keyPem = keyText.slice(start, keyText.indexOf(endMarker, start) + endMarker.length);
  return { certs, key: readPemKey(keyPem, input.password) };
}

const forgeBytes = (b: Uint8Array) => forge.util.createBuffer(Buffer.from(b).toString('binary'));
const fromForge = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

function fromPkcs12(p12Der: Buffer, password: string): { certs: Buffer[]; key: KeyObject } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forgeBytes(p12Der), false), false, password);
  } catch (e) {
    if (isPasswordError(e)) throw new ImportIdentityError('bad-password', 'the password does not open the PKCS#12 file', { cause: e });
    throw new ImportIdentityError('unreadable', `not a readable PKCS#12 file: ${(e as Error).message}`, { cause: e });
  }
  const certs: Buffer[] = [];
  const keys: KeyObject[] = [];
  for (const bag of p12.safeContents.flatMap((sc) => sc.safeBags)) {
    if (bag.type === forge.pki.oids.certBag) {
      // forge keeps the parsed TBSCertificate ASN.1, so this re-encoding reproduces the original DER; non-RSA
      // certificates come back as plain ASN.1 in bag.asn1.
      const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
      if (asn1) certs.push(fromForge(asn1));
    } else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
      // RSA keys arrive parsed (forge), others as PrivateKeyInfo ASN.1; both become PKCS#8 DER for Node.
      const pkcs8 = bag.key
        ? fromForge(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)))
        : bag.asn1
          ? fromForge(bag.asn1)
          : null;
      if (pkcs8) keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
    }
  }
  if (keys.length === 0) throw new ImportIdentityError('no-key', 'the PKCS#12 file holds no private key');
  if (keys.length > 1) throw new ImportIdentityError('invalid-input', 'the PKCS#12 file holds more than one private key');
  return { certs, key: keys[0] };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/** Leaf first, then each issuer in turn; certificates that don't chain by name keep their order at the end. */
function orderChain(leaf: Certificate, others: Certificate[]): Uint8Array[] {
  const remaining = [...others];
  const ordered: Uint8Array[] = [];
  let current = leaf;
  for (;;) {
    if (same(current.issuerDer, current.subjectDer)) break; // reached a self-signed root
    const i = remaining.findIndex((c) => same(c.subjectDer, current.issuerDer));
    if (i < 0) break;
    current = remaining.splice(i, 1)[0]!;
    ordered.push(current.der);
  }
  return [...ordered, ...remaining.map((c) => c.der)];
}

export function importIdentity(input: ImportIdentityInput): ImportedIdentity {
  if (input.pkcs12 && (input.certPem || input.keyPem)) {
    throw new ImportIdentityError('invalid-input', 'give either a PKCS#12 file or PEM certificate and key, not both');
  }
  if (!input.pkcs12 && !input.certPem) throw new ImportIdentityError('no-certificate', 'no certificate given');
  const { certs, key } = input.pkcs12 ? fromPkcs12(input.pkcs12, input.password ?? '') : fromPem(input);
  if (certs.length === 0) throw new ImportIdentityError('no-certificate', 'no certificate found');

  let parsed: Certificate[];
  try {
    parsed = certs.map((c) => parseCertificate(c));
  } catch (e) {
    throw new ImportIdentityError('unreadable', (e as Error).message, { cause: e });
  }
  const keySpki = spkiOfKey(key);
  const leafIndex = parsed.findIndex((c) => same(c.spkiDer, keySpki));
  if (leafIndex < 0) {
    throw new ImportIdentityError('key-mismatch', 'the private key does not belong to the certificate (public keys differ)');
  }
  const leaf = parsed[leafIndex]!;
  return {
    certificateDer: leaf.der,
    chainDer: orderChain(leaf, parsed.filter((_, i) => i !== leafIndex)),
    privateKey: key,
  };
}
