/** Key identifiers and key facts derived from a SubjectPublicKeyInfo. */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readBitString, readDer, sequenceChildren } from './der-reader';

/** The subjectPublicKey BIT STRING contents (without the unused-bits octet). */
export function subjectPublicKeyBits(spkiDer: Uint8Array): Buffer {
  const [, keyBits] = sequenceChildren(readDer(spkiDer), 'SubjectPublicKeyInfo');
  return readBitString(keyBits).bytes;
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifierFromSpki(spkiDer: Uint8Array): Buffer {
  return createHash('sha1').update(subjectPublicKeyBits(spkiDer)).digest();
}

// KeyObjects are immutable, so a key's SPKI can be remembered: issuing checks the CA key on every certificate.
const spkiCache = new WeakMap<KeyObject, Buffer>();

export function spkiOfKey(key: KeyObject): Buffer {
  let spki = spkiCache.get(key);
  if (!spki) {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key;
    spki = publicKey.export({ type: 'spki', format: 'der' });
    spkiCache.set(key, spki);
  }
  return Buffer.from(spki);
}

export type KeyType = 'RSA' | 'EC' | 'other';

/** Key type and size (RSA modulus bits, EC curve bits) via Node's parser, so any algorithm is at least classified. */
export function describePublicKey(spkiDer: Uint8Array): { keyType: KeyType; keyBits: number; curve: string | null } {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
  } catch {
    return { keyType: 'other', keyBits: 0, curve: null };
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return { keyType: 'RSA', keyBits: details.modulusLength ?? 0, curve: null };
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve ?? null;
    const bits: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
    return { keyType: 'EC', keyBits: (curve && bits[curve]) || 0, curve };
  }
  return { keyType: 'other', keyBits: 0, curve: null };
}
