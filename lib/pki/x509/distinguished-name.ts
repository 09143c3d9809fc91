/**
 * Distinguished names as text, in the RFC 4514 string form: RDNs are written in *reverse* DER order
 * ("CN=Leaf,O=Example" encodes O first, then CN), so parse → encode → format round-trips and the text matches
 * `openssl x509 -nameopt RFC2253`.
 */
import { childrenOf, DerError, isUniversal, readDer, readOid, readString, Tag, type DerNode } from './der-reader';
import { ia5String, oid, printableString, sequence, setOf, utf8String } from './der-writer';
import { OID } from './oids';

export interface NameAttribute {
  /** Attribute type OID, e.g. 2.5.4.3 for CN. */
  oid: string;
  value: string;
  /** Set when the text used the RFC 4514 "#hex" form: the exact DER of the value. */
  rawValueDer?: Buffer;
}
/** One RelativeDistinguishedName: usually one attribute, several when joined with "+". */
export type Rdn = NameAttribute[];

/** Short names: RFC 4514 §3 plus the ones openssl prints. */
const SHORT_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['CN', '2.5.4.3'],
  ['SN', '2.5.4.4'],
  ['serialNumber', '2.5.4.5'],
  ['C', '2.5.4.6'],
  ['L', '2.5.4.7'],
  ['ST', '2.5.4.8'],
  ['STREET', '2.5.4.9'],
  ['O', '2.5.4.10'],
  ['OU', '2.5.4.11'],
  ['title', '2.5.4.12'],
  ['postalCode', '2.5.4.17'],
  ['GN', '2.5.4.42'],
  ['initials', '2.5.4.43'],
  ['generationQualifier', '2.5.4.44'],
  ['dnQualifier', '2.5.4.46'],
  ['pseudonym', '2.5.4.65'],
  ['organizationIdentifier', '2.5.4.97'],
  ['DC', '0.9.2342.19200300.100.1.25'],
  ['UID', '0.9.2342.19200300.100.1.1'],
  ['emailAddress', OID.emailAddress],
];
const NAME_BY_OID = new Map(SHORT_NAMES.map(([name, o]) => [o, name]));
const OID_BY_NAME = new Map<string, string>([
  ...SHORT_NAMES.map(([name, o]): [string, string] => [name.toUpperCase(), o]),
  ['E', OID.emailAddress],
  ['EMAIL', OID.emailAddress],
  ['S', '2.5.4.8'],
  ['GIVENNAME', '2.5.4.42'],
  ['SURNAME', '2.5.4.4'],
  ['USERID', '0.9.2342.19200300.100.1.1'],
]);

export class DistinguishedNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistinguishedNameError';
  }
}

/** Splits on an unescaped separator character. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** RFC 4514 §3 value unescaping: "\," etc. and "\XX" UTF-8 hex pairs. Unescaped outer spaces are dropped. */
function unescapeValue(raw: string): string {
  const trimmedStart = raw.replace(/^ +/, '');
  // Drop trailing spaces unless the last one is escaped ("\ ").
  let end = trimmedStart.length;
  while (end > 0 && trimmedStart[end - 1] === ' ' && trimmedStart[end - 2] !== '\\') end--;
  const s = Array.from(trimmedStart.slice(0, end)); // code points, so astral characters stay whole
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      bytes.push(...Buffer.from(s[i], 'utf8'));
      continue;
    }
    const pair = `${s[i + 1] ?? ''}${s[i + 2] ?? ''}`;
    if (/^[0-9a-fA-F]{2}$/.test(pair)) {
      bytes.push(parseInt(pair, 16));
      i += 2;
    } else if (i + 1 < s.length) {
      bytes.push(...Buffer.from(s[i + 1], 'utf8'));
      i += 1;
    } else {
      throw new DistinguishedNameError('dangling backslash at end of value');
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseAttribute(text: string): NameAttribute {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new DistinguishedNameError(`"${text.trim()}" is not of the form TYPE=value`);
  const type = text.slice(0, eq).trim();
  const rawValue = text.slice(eq + 1);
  const attrOid = /^\d+(\.\d+)+$/.test(type) ? type : OID_BY_NAME.get(type.toUpperCase());
  if (!attrOid) throw new DistinguishedNameError(`unknown attribute type "${type}"`);
  const trimmed = rawValue.trim();
  if (trimmed.startsWith('#')) {
    // RFC 4514 §2.4: "#" + hex of the BER encoding of the value.
    const hex = trimmed.slice(1);
    if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new DistinguishedNameError(`bad hex value for ${type}`);
    const rawValueDer = Buffer.from(hex, 'hex');
    let value: string;
    try {
      value = readString(readDer(rawValueDer));
    } catch {
      value = trimmed;
    }
    return { oid: attrOid, value, rawValueDer };
  }
  const value = unescapeValue(rawValue);
  if (value === '') throw new DistinguishedNameError(`empty value for ${type}`);
  return { oid: attrOid, value };
}

/**
 * Parses "CN=Tessera Enrollment CA,O=Example" into RDNs in DER order (the reverse of the text, RFC 4514 §2.1).
 * Accepts escapes ("\,", "\2C"), multi-valued RDNs ("CN=a+UID=b"), dotted OIDs and spaces after commas.
 */
export function parseDistinguishedName(text: string): Rdn[] {
  if (text.trim() === '') return [];
  const rdns = splitUnescaped(text, ',').map((rdnText) => {
    if (rdnText.trim() === '') throw new DistinguishedNameError('empty RDN (two commas in a row?)');
    return splitUnescaped(rdnText, '+').map(parseAttribute);
  });
  return rdns.reverse();
}

/** String type per attribute (RFC 5280 §4.1.2.4 and Appendix A: C and serialNumber are PrintableString, email IA5). */
function encodeAttributeValue(attr: NameAttribute): Buffer {
  if (attr.rawValueDer) return attr.rawValueDer;
  switch (attr.oid) {
    case '2.5.4.6':
      if (!/^[A-Za-z]{2}$/.test(attr.value)) throw new DistinguishedNameError('C must be a two-letter country code');
      return printableString(attr.value.toUpperCase());
    case '2.5.4.5':
    case '2.5.4.46':
      return printableString(attr.value);
    case OID.emailAddress:
    case '0.9.2342.19200300.100.1.25':
      if (!/^[\x00-\x7f]*$/.test(attr.value)) throw new DistinguishedNameError('email/DC values must be ASCII');
      return ia5String(attr.value);
    default:
      return utf8String(attr.value);
  }
}

/** DER Name (RDNSequence) for parsed RDNs (DER order). */
export function encodeName(rdns: Rdn[]): Buffer {
  return sequence(
    ...rdns.map((rdn) => setOf(...rdn.map((attr) => sequence(oid(attr.oid), encodeAttributeValue(attr))))),
  );
}

/** Text → DER Name in one step. */
export function encodeDistinguishedName(text: string): Buffer {
  return encodeName(parseDistinguishedName(text));
}

/** RFC 4514 §2.4 escaping. */
function escapeValue(value: string): string {
  let out = value.replace(/[\\",+;<>]/g, (c) => `\\${c}`).replace(/\x00/g, '\\00');
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

function formatAttribute(atv: DerNode): string {
  const [typeNode, valueNode] = childrenOf(atv);
  const attrOid = readOid(typeNode);
  const name = NAME_BY_OID.get(attrOid) ?? attrOid;
  if (!valueNode) throw new DerError('AttributeTypeAndValue without a value');
  let text: string;
  try {
    text = escapeValue(readString(valueNode));
  } catch {
    text = `#${valueNode.raw.toString('hex')}`; // RFC 4514 §2.4 for values that are not strings
  }
  return `${name}=${text}`;
}

/** Renders a DER Name node as RFC 4514 text ("CN=x,O=y"). */
export function formatNameNode(name: DerNode): string {
  if (!isUniversal(name, Tag.sequence)) throw new DerError('expected a Name (SEQUENCE)');
  return childrenOf(name)
    .map((rdn) => childrenOf(rdn).map(formatAttribute).join('+'))
    .reverse()
    .join(',');
}

/** Renders DER Name bytes as RFC 4514 text ("CN=x,O=y"). */
export function formatName(nameDer: Uint8Array): string {
  return formatNameNode(readDer(nameDer));
}
