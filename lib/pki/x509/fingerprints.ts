/** Hex digests of DER objects: certificate fingerprints and SPKI pins. */
import { createHash } from 'node:crypto';

export const sha256Hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** SHA-1 is still what Apple's SCEP payload CAFingerprint accepts (with MD5), checklist §7.1. */
export const sha1Hex = (der: Uint8Array): string => createHash('sha1').update(der).digest('hex');

/** "AB:CD:…" as shown by Keychain Access and openssl -fingerprint. */
export const colonHex = (hex: string): string => (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
