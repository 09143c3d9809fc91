/**
 * Distinguished names as text, in the RFC 4514 string form: RDNs are written in *reverse* DER order
 * ("CN=Leaf,O=Example" encodes O first, then CN), so parse → encode → format round-trips and the text matches
 * `openssl x509 -nameopt RFC2253`.
 */
import { childrenOf, der, ia5String, need, oid, parseBer, printableString, rawOf, raw, readOid, readString, seq, set, UTag, utf8String, type Asn1, type Asn1Node } from '../asn1';
import { NameError } from '../errors';
import { OID } from '../oids';

export interface NameAttribute {
  /** Attribute type OID, e.g. 2.5.4.3 for CN. */
  oid: string;
  value: string;
  /** Set when the text used the RFC 4514 "#hex" form: the exact DER of the value. */
  rawValueDer?: Uint8Array;
}
/** One RelativeDistinguishedName: usually one attribute, several when joined with "+". */
export type Rdn = NameAttribute[];

/** Short names: RFC 4514 §3 plus the ones openssl prints. */
const SHORT_NAMES: Record<string, string> = {
  ...{ CN: '2.5.4.3', SN: '2.5.4.4', serialNumber: '2.5.4.5', C: '2.5.4.6', L: '2.5.4.7', ST: '2.5.4.8', STREET: '2.5.4.9' },
  ...{ O: '2.5.4.10', OU: '2.5.4.11', title: '2.5.4.12', postalCode: '2.5.4.17', GN: '2.5.4.42', initials: '2.5.4.43' },
  ...{ generationQualifier: '2.5.4.44', dnQualifier: '2.5.4.46', pseudonym: '2.5.4.65', organizationIdentifier: '2.5.4.97' },
  ...{ DC: '0.9.2342.19200300.100.1.25', UID: '0.9.2342.19200300.100.1.1', emailAddress: OID.emailAddress },
};
const NAME_BY_OID = new Map(Object.entries(SHORT_NAMES).map(([name, o]) => [o, name]));
const OID_BY_NAME = new Map<string, string>([
  ...Object.entries(SHORT_NAMES).map(([name, o]): [string, string] => [name.toUpperCase(), o]),
  ...Object.entries({ E: OID.emailAddress, EMAIL: OID.emailAddress, S: '2.5.4.8', GIVENNAME: '2.5.4.42', SURNAME: '2.5.4.4', USERID: '0.9.2342.19200300.100.1.1' }),
]);

const nameError = (message: string) => new NameError('invalid-name', message);

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
      throw nameError('dangling backslash at end of value');
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseAttribute(text: string): NameAttribute {
  const eq = text.indexOf('=');
  if (eq <= 0) throw nameError(`"${text.trim()}" is not of the form TYPE=value`);
  const type = text.slice(0, eq).trim();
  const rawValue = text.slice(eq + 1);
  const attrOid = /^[0-2](\.\d{1,15})+$/.test(type) ? type : OID_BY_NAME.get(type.toUpperCase());
  if (!attrOid) throw nameError(`unknown attribute type "${type}"`);
  const trimmed = rawValue.trim();
  if (trimmed.startsWith('#')) {
    // RFC 4514 §2.4: "#" + hex of the BER encoding of the value.
    const hex = trimmed.slice(1);
    if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw nameError(`bad hex value for ${type}`);
    const rawValueDer = Buffer.from(hex, 'hex');
    let node: Asn1Node;
    try {
      node = parseBer(rawValueDer);
    } catch {
      throw nameError(`the #hex value for ${type} is not one BER element`);
    }
    let value = trimmed;
    try {
      value = readString(node);
    } catch {
      // not a string type: the text keeps the #hex form
    }
    return { oid: attrOid, value, rawValueDer };
  }
  const value = unescapeValue(rawValue);
  if (value === '') throw nameError(`empty value for ${type}`);
  return { oid: attrOid, value };
}

/**
 * Parses "CN=Tessera Enrollment CA,O=Example" into RDNs in DER order (the reverse of the text, RFC 4514 §2.1).
 * Accepts escapes ("\,", "\2C"), multi-valued RDNs ("CN=a+UID=b"), dotted OIDs and spaces after commas.
 */
export function parseDistinguishedName(text: string): Rdn[] {
  if (text.trim() === '') return [];
  const rdns = splitUnescaped(text, ',').map((rdnText) => {
    if (rdnText.trim() === '') throw nameError('empty RDN (two commas in a row?)');
    return splitUnescaped(rdnText, '+').map(parseAttribute);
  });
  return rdns.reverse();
}

/** String type per attribute (RFC 5280 §4.1.2.4 and Appendix A: C and serialNumber are PrintableString, email IA5). */
function encodeAttributeValue(attr: NameAttribute): Asn1 {
  if (attr.rawValueDer) return raw(attr.rawValueDer);
  switch (attr.oid) {
    case '2.5.4.6':
      if (!/^[A-Za-z]{2}$/.test(attr.value)) throw nameError('C must be a two-letter country code');
      return printableString(attr.value.toUpperCase());
    case '2.5.4.5':
    case '2.5.4.46':
      return printableString(attr.value);
    case OID.emailAddress:
    case '0.9.2342.19200300.100.1.25':
      if (!/^[\x00-\x7f]*$/.test(attr.value)) throw nameError('email/DC values must be ASCII');
      return ia5String(attr.value);
    default:
      return utf8String(attr.value);
  }
}

/** DER Name (RDNSequence) for RDNs in DER order. */
export function encodeName(rdns: Rdn[]): Uint8Array {
  try {
    return der(seq(...rdns.map((rdn) => set(...rdn.map((attr) => seq(oid(attr.oid), encodeAttributeValue(attr)))))));
  } catch (e) {
    if (e instanceof NameError) throw e;
    throw nameError((e as Error).message);
  }
}

/** Text → DER Name in one step. */
export const encodeDistinguishedName = (text: string): Uint8Array => encodeName(parseDistinguishedName(text));

/** RFC 4514 §2.4 escaping. */
function escapeValue(value: string): string {
  let out = value.replace(/[\\",+;<>]/g, (c) => `\\${c}`).replace(/\x00/g, '\\00');
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

function formatAttribute(atv: Asn1Node): string {
  const [typeNode, valueNode] = childrenOf(atv, 'AttributeTypeAndValue');
  const attrOid = readOid(typeNode);
  const value = need(valueNode, 'attribute value');
  let text: string;
  try {
    text = escapeValue(readString(value));
  } catch {
    text = `#${Buffer.from(rawOf(value)).toString('hex')}`; // RFC 4514 §2.4 for values that are not strings
  }
  return `${NAME_BY_OID.get(attrOid) ?? attrOid}=${text}`;
}

/** Renders a Name as RFC 4514 text ("CN=x,O=y"): RDNs in reverse order. Throws Asn1Error. */
export function formatName(name: Uint8Array | Asn1Node): string {
  const node = name instanceof Uint8Array ? parseBer(name) : name;
  return childrenOf(node, 'Name')
    .map((rdn) => childrenOf(rdn, 'RelativeDistinguishedName', UTag.set).map(formatAttribute).join('+'))
    .reverse()
    .join(',');
}
