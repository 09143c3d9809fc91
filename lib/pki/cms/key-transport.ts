/**
 * RSA key transport for EnvelopedData (RFC 5652 §6.2.1, RFC 8017 §7.2 RSAES-PKCS1-v1_5).
 *
 * Node 20 refuses RSA_PKCS1_PADDING for private decryption (CVE-2023-46809, Marvin attack), so the raw RSA
 * operation runs natively with RSA_NO_PADDING and the unpadding happens here, branch-free, with implicit
 * rejection: when the block is not a well-formed PKCS#1 v1.5 block carrying a key of the expected length, a random
 * key of that length is returned instead. The caller then fails later (CBC padding or content parse) in the same way
 * as for any other corrupt message, so no padding oracle is exposed.
 */
import crypto from 'node:crypto';

function modulusBytes(key: crypto.KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType !== 'rsa' || !bits) throw new Error('key transport needs an RSA private key');
  return Math.ceil(bits / 8);
}

/** Decrypts a content-encryption key of `keyLength` octets; never throws for bad input, never reveals failure. */
export function unwrapKeyPkcs1(privateKey: crypto.KeyObject, encryptedKey: Uint8Array, keyLength: number): Buffer {
  const k = modulusBytes(privateKey);
  const fallback = crypto.randomBytes(keyLength);
  let ok = 1;
  let em = Buffer.alloc(k);
  if (encryptedKey.length === 0 || encryptedKey.length > k) {
    ok = 0;
  } else {
    const input = Buffer.alloc(k);
    input.set(encryptedKey, k - encryptedKey.length); // some encoders drop leading zero octets
    try {
      const out = crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_NO_PADDING }, input);
      if (out.length === k) em = out;
      else ok = 0;
    } catch {
      ok = 0; // ciphertext ≥ modulus: a property of the public input, not of the padding
    }
  }
  // EM = 0x00 || 0x02 || PS (≥ 8 non-zero octets) || 0x00 || K, with |K| = keyLength.
  const sep = k - keyLength - 1;
  if (sep < 10) ok = 0;
  const s = Math.max(sep, 2);
  let bad = em[0] | (em[1] ^ 0x02) | em[s];
  for (let i = 2; i < s; i++) bad |= ((em[i] - 1) >>> 8) & 1; // 1 when em[i] === 0
  const good = ok & (((bad | -bad) >>> 31) ^ 1); // 1 when bad === 0
  const mask = -good & 0xff;
  const cek = Buffer.alloc(keyLength);
  for (let j = 0; j < keyLength; j++) {
    const b = s + 1 + j < k ? em[s + 1 + j] : 0;
    cek[j] = (b & mask) | (fallback[j] & ~mask & 0xff);
  }
  return cek;
}

/** RSAES-PKCS1-v1_5 encryption of a content-encryption key to a recipient certificate's key. */
export function wrapKeyPkcs1(publicKey: crypto.KeyObject, cek: Uint8Array): Buffer {
  if (publicKey.asymmetricKeyType !== 'rsa') throw new Error('key transport needs an RSA recipient key');
  return crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, cek);
}
