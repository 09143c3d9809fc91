/** PEM (RFC 7468) ⇄ DER. */
import { PemError } from '../errors';

export interface PemBlock {
  label: string;
  der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in `text`, in order (a certificate file with its chain, or a key next to a certificate). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    // Explanatory headers (RFC 1421 "Proc-Type:" etc.) precede a blank line; drop them.
    const body = m[2].includes(':') ? m[2].split(/\r?\n\r?\n/).slice(1).join('') : m[2];
    const b64 = body.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new PemError('malformed', `invalid base64 in ${m[1]} block`);
    out.push({ label: m[1], der: Buffer.from(b64, 'base64') });
  }
  return out;
}

/** DER of the first block with `label` (default CERTIFICATE). */
export function pemToDer(pem: string, label = 'CERTIFICATE'): Buffer {
  const block = pemBlocks(pem).find((b) => b.label === label);
  if (!block) throw new PemError('malformed', `no ${label} block found`);
  return block.der;
}

/** RFC 7468 §2: base64 in 64-character lines, trailing newline. */
export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
