/** Fingerprints as admins compare them. */

/** "AB:CD:…" as shown by Keychain Access and `openssl x509 -fingerprint`. */
export const colonHex = (hex: string): string => (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
