/** Certificate serial numbers (RFC 5280 §4.1.2.2: positive, unique per issuer, at most 20 octets). */
import { randomBytes } from 'node:crypto';

/**
 * 16 random bytes (128 bits, well above the CA/B Forum's 64-bit floor) with the first byte forced into 0x01..0x7f,
 * so the INTEGER is positive without a 0x00 pad and always exactly 16 octets long. Unique per issuer in practice
 * (collision odds ~2^-63 after 2^32 issuances); the store should still enforce uniqueness.
 */
export function randomSerialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] % 0x7f) + 1;
  return serial;
}

/** Lower-case hex of the INTEGER content octets, exactly as in the DER (same convention as forge's serialNumber). */
export function serialToHex(integerContent: Uint8Array): string {
  return Buffer.from(integerContent).toString('hex');
}
