/**
 * PKCS#10 requests written byte by byte, for tests that must send what a real client never would: any subject in any
 * string type (NUL, lone surrogates, BMPString), thousands of subjectAltNames, a UPN otherName, a challengePassword.
 * Deliberately independent of lib/pki, so the code under test never helps build its own input.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';

export type StringKind = 'utf8' | 'printable' | 'ia5' | 'bmp';
/** [attribute OID or CN/O/OU/C/L/ST/E, value, string type (default UTF8String)] — one RDN each, in DER order. */
export type SubjectPart = [string, string, StringKind?];
export type HostileSan =
  | { type: 'email' | 'dns' | 'uri'; value: string }
  | { type: 'ip'; bytes: Uint8Array }
  /** Microsoft UPN otherName; `kind` bmp writes the value as a BMPString (UTF-16 code units as given, lone surrogates too). */
  | { type: 'upn'; value: string; kind?: 'utf8' | 'bmp' };

export interface HostileCsrSpec {
  key: KeyObject;
  subject: SubjectPart[];
  sans?: HostileSan[];
  challenge?: string;
  challengeKind?: StringKind;
}

const SHORT: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6', L: '2.5.4.7', ST: '2.5.4.8', E: '1.2.840.113549.1.9.1' };

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, ...content: Uint8Array[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};

export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a! + b!];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      groups.unshift((v & 0x7f) | (groups.length ? 0x80 : 0));
      if (v < 128) break;
    }
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utf16be(value: string): Buffer {
  const b = Buffer.from(value, 'utf16le'); // code units as they are, lone surrogates included
  return b.swap16();
}

export function stringValue(value: string, kind: StringKind = 'utf8'): Buffer {
  switch (kind) {
    case 'utf8':
      return tlv(0x0c, Buffer.from(value, 'utf8'));
    case 'printable':
      return tlv(0x13, Buffer.from(value, 'latin1'));
    case 'ia5':
      return tlv(0x16, Buffer.from(value, 'latin1'));
    case 'bmp':
      return tlv(0x1e, utf16be(value));
  }
}

function generalName(san: HostileSan): Buffer {
  switch (san.type) {
    case 'email':
      return tlv(0x81, Buffer.from(san.value, 'latin1'));
    case 'dns':
      return tlv(0x82, Buffer.from(san.value, 'latin1'));
    case 'uri':
      return tlv(0x86, Buffer.from(san.value, 'latin1'));
    case 'ip':
      return tlv(0x87, san.bytes);
    case 'upn':
      return tlv(0xa0, oid('1.3.6.1.4.1.311.20.2.3'), tlv(0xa0, stringValue(san.value, san.kind === 'bmp' ? 'bmp' : 'utf8')));
  }
}

/** A Name (RDNSequence), one attribute per RDN, in the order given. */
export const nameDer = (subject: SubjectPart[]): Buffer =>
  tlv(0x30, ...subject.map(([type, value, kind]) => tlv(0x31, tlv(0x30, oid(SHORT[type] ?? type), stringValue(value, kind)))));

export function buildHostileCsr(spec: HostileCsrSpec): Uint8Array {
  const name = nameDer(spec.subject);
  const spki = createPublicKey(spec.key).export({ format: 'der', type: 'spki' });
  const attributes: Buffer[] = [];
  if (spec.challenge !== undefined) attributes.push(tlv(0x30, oid('1.2.840.113549.1.9.7'), tlv(0x31, stringValue(spec.challenge, spec.challengeKind ?? 'printable'))));
  if (spec.sans?.length) {
    const generalNames = tlv(0x30, ...spec.sans.map(generalName));
    const extension = tlv(0x30, oid('2.5.29.17'), tlv(0x04, generalNames));
    attributes.push(tlv(0x30, oid('1.2.840.113549.1.9.14'), tlv(0x31, tlv(0x30, extension))));
  }
  const info = tlv(0x30, tlv(0x02, Buffer.from([0])), name, spki, tlv(0xa0, ...attributes));
  const signature = sign('sha256', info, spec.key);
  const algorithm = tlv(0x30, oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  return tlv(0x30, info, algorithm, tlv(0x03, Buffer.from([0]), signature));
}
