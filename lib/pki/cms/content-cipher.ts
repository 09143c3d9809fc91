/**
 * Content encryption for EnvelopedData (RFC 5652 §6.3): AES-CBC and 3DES through Node/OpenSSL, single DES
 * through node-forge, because OpenSSL 3 only has DES in the legacy provider (RFC 8894 §2.9 forbids it; it is
 * reachable only behind Tessera's legacy switch).
 */
import crypto from 'node:crypto';
import forge from 'node-forge';
import type { ContentCipherSpec } from '../algorithms';

const NODE_NAMES: Partial<Record<ContentCipherSpec['name'], string>> = {
  'AES-128-CBC': 'aes-128-cbc',
  'AES-192-CBC': 'aes-192-cbc',
  'AES-256-CBC': 'aes-256-cbc',
  'DES-EDE3-CBC': 'des-ede3-cbc',
};

const binary = (b: Uint8Array): string => Buffer.from(b).toString('binary');

/** CBC with PKCS#7 padding (RFC 5652 §6.3). Returns null on any failure (wrong length, bad padding). */
export function decryptContent(spec: ContentCipherSpec, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer | null {
  const block = spec.ivLength;
  if (iv.length !== spec.ivLength || key.length !== spec.keyLength) return null;
  if (ciphertext.length === 0 || ciphertext.length % block !== 0) return null;
  const nodeName = NODE_NAMES[spec.name];
  if (nodeName) {
    try {
      const d = crypto.createDecipheriv(nodeName, key, iv);
      return Buffer.concat([d.update(ciphertext), d.final()]);
    } catch {
      return null;
    }
  }
  const d = forge.cipher.createDecipher('DES-CBC', forge.util.createBuffer(binary(key)));
  d.start({ iv: forge.util.createBuffer(binary(iv)) });
  d.update(forge.util.createBuffer(binary(ciphertext)));
  if (!d.finish()) return null;
  return Buffer.from(d.output.getBytes(), 'binary');
}

export function encryptContent(spec: ContentCipherSpec, key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Buffer {
  const nodeName = NODE_NAMES[spec.name];
  if (nodeName) {
    const c = crypto.createCipheriv(nodeName, key, iv);
    return Buffer.concat([c.update(plaintext), c.final()]);
  }
  const c = forge.cipher.createCipher('DES-CBC', forge.util.createBuffer(binary(key)));
  c.start({ iv: forge.util.createBuffer(binary(iv)) });
  c.update(forge.util.createBuffer(binary(plaintext)));
  c.finish();
  return Buffer.from(c.output.getBytes(), 'binary');
}
