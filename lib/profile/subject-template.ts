/**
 * Subject templates ("CN={email},O={organization}") → the SCEP payload's `Subject` value.
 *
 * [SCEP] `Subject` is "an X.500 name as an array of OID and value": an array of RDNs, each RDN an array of
 * [type, value] pairs, e.g. /C=US/O=Org/CN=foo → [[["C","US"]],[["O","Org"]],[["CN","foo"]]]. Only C, L, ST, O, OU
 * and CN have short names; everything else must be a dotted OID. iOS rejects a wrongly nested array where macOS
 * does not, so the shape is produced here and nowhere else.
 *
 * Template syntax is RFC 4514's: `,` separates RDNs, `+` joins attributes of a multi-valued RDN, `\` escapes a
 * special character (`\,` `\+` `\"` `\\` `\=` …) or a UTF-8 byte (`\C3\A9`), and a value may be "double-quoted".
 * `{name}` is a placeholder (`\{` for a literal brace). Placeholders are substituted *after* parsing, so a comma
 * or quote inside a person's name can never split or forge an RDN.
 */

import { CodedError } from '../pki/errors';

export const SUBJECT_PLACEHOLDERS = ['email', 'username', 'displayName', 'organization'] as const;
export type SubjectPlaceholder = (typeof SUBJECT_PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<SubjectPlaceholder, string>>;

/** One [type, value] pair; type is a short name from [SCEP] or a dotted OID. */
export type ScepSubjectPair = [string, string];
/** RDN sequence in the exact nesting iOS expects: RDN[] of pair[]. */
export type ScepSubject = ScepSubjectPair[][];

type ValuePart = { kind: 'text'; text: string } | { kind: 'placeholder'; name: SubjectPlaceholder };
export interface TemplateAttribute {
  type: string;
  parts: ValuePart[];
}
export type ParsedSubjectTemplate = TemplateAttribute[][];

/** Always code 'invalid-template'; the message names what is wrong, for the admin editing the template. */
export class SubjectTemplateError extends CodedError<'invalid-template'> {
  constructor(message: string) {
    super('invalid-template', message);
  }
}

// Short names iOS understands per [SCEP]; other familiar names are mapped to their OIDs (RFC 4519 / PKCS#9).
const SHORT_NAMES: Record<string, string> = { c: 'C', l: 'L', st: 'ST', s: 'ST', o: 'O', ou: 'OU', cn: 'CN' };
const OID_ALIASES: Record<string, string> = {
  e: '1.2.840.113549.1.9.1',
  emailaddress: '1.2.840.113549.1.9.1',
  uid: '0.9.2342.19200300.100.1.1',
  dc: '0.9.2342.19200300.100.1.25',
  serialnumber: '2.5.4.5',
  street: '2.5.4.9',
  title: '2.5.4.12',
  sn: '2.5.4.4',
  givenname: '2.5.4.42',
};
// RFC 5280 Appendix A upper bounds (ub-common-name 64, ub-organization-name 64, ub-locality-name 128, …).
const MAX_LENGTH: Record<string, number> = { CN: 64, O: 64, OU: 64, L: 128, ST: 128, '2.5.4.5': 64 };
const MAX_RDNS = 16;
const SPECIALS = new Set([',', '+', '"', '\\', '<', '>', ';', '=', '#', ' ', '{', '}']);

function normalizeType(raw: string): string {
  const t = raw.trim();
  if (/^\d+(\.\d+)+$/.test(t)) return t;
  const lower = t.toLowerCase();
  const mapped = SHORT_NAMES[lower] ?? OID_ALIASES[lower];
  if (!mapped) throw new SubjectTemplateError(`unknown attribute type "${t}" (use C, L, ST, O, OU, CN, E, UID, DC or a dotted OID)`);
  return mapped;
}

type Token = { kind: 'char'; ch: string; escaped: boolean } | { kind: 'byte'; byte: number } | { kind: 'ph'; name: SubjectPlaceholder };

function tokensToParts(tokens: Token[], type: string): ValuePart[] {
  // RFC 4514: unescaped leading/trailing spaces are not part of the value.
  let start = 0;
  let end = tokens.length;
  const isLooseSpace = (t: Token | undefined) => t?.kind === 'char' && t.ch === ' ' && !t.escaped;
  while (start < end && isLooseSpace(tokens[start])) start++;
  while (end > start && isLooseSpace(tokens[end - 1])) end--;
  const parts: ValuePart[] = [];
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length === 0) return;
    try {
      parts.push({ kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes)) });
    } catch {
      throw new SubjectTemplateError(`value of ${type} has \\XX escapes that are not valid UTF-8`);
    }
    bytes = [];
  };
  for (const t of tokens.slice(start, end)) {
    if (t.kind === 'ph') {
      flush();
      parts.push({ kind: 'placeholder', name: t.name });
    } else if (t.kind === 'byte') bytes.push(t.byte);
    else bytes.push(...Buffer.from(t.ch, 'utf8'));
  }
  flush();
  return parts;
}

/** Parse (and so validate) a template; throws SubjectTemplateError with a readable reason. */
export function parseSubjectTemplate(template: string): ParsedSubjectTemplate {
  if (template.trim() === '') throw new SubjectTemplateError('template is empty');
  const chars = Array.from(template);
  const rdns: ParsedSubjectTemplate = [];
  let rdn: TemplateAttribute[] = [];
  let i = 0;
  while (i <= chars.length) {
    // attribute type, up to '='
    let type = '';
    while (i < chars.length && chars[i] !== '=') type += chars[i++];
    if (i >= chars.length) throw new SubjectTemplateError(`expected "type=value" but found "${type.trim() || template}"`);
    i++; // '='
    const attrType = normalizeType(type);
    const tokens: Token[] = [];
    while (i < chars.length && chars[i] === ' ') i++;
    let quoted = false;
    if (chars[i] === '"') {
      quoted = true;
      i++;
    }
    let closedQuote = false;
    while (i < chars.length) {
      const ch = chars[i];
      if (quoted && ch === '"') {
        closedQuote = true;
        i++;
        break;
      }
      if (!quoted && (ch === ',' || ch === '+')) break;
      if (ch === '\\') {
        const next = chars[i + 1];
        const hex = `${next ?? ''}${chars[i + 2] ?? ''}`;
        if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
          tokens.push({ kind: 'byte', byte: parseInt(hex, 16) });
          i += 3;
        } else if (next !== undefined && SPECIALS.has(next)) {
          tokens.push({ kind: 'char', ch: next, escaped: true });
          i += 2;
        } else throw new SubjectTemplateError(`invalid escape "\\${next ?? ''}" in value of ${attrType}`);
        continue;
      }
      if (ch === '{') {
        const close = chars.indexOf('}', i);
        const name = close < 0 ? '' : chars.slice(i + 1, close).join('');
        if (!(SUBJECT_PLACEHOLDERS as readonly string[]).includes(name)) {
          throw new SubjectTemplateError(`unknown placeholder "{${name}}" (allowed: ${SUBJECT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
        }
        tokens.push({ kind: 'ph', name: name as SubjectPlaceholder });
        i = close + 1;
        continue;
      }
      if (!quoted && (ch === '"' || ch === '}' || ch === ';' || ch === '<' || ch === '>')) {
        throw new SubjectTemplateError(`unescaped "${ch}" in value of ${attrType}; write \\${ch}`);
      }
      tokens.push({ kind: 'char', ch, escaped: quoted });
      i++;
    }
    if (quoted && !closedQuote) throw new SubjectTemplateError(`unterminated quoted value of ${attrType}`);
    if (quoted) while (i < chars.length && chars[i] === ' ') i++;
    const parts = tokensToParts(tokens, attrType);
    if (parts.length === 0) throw new SubjectTemplateError(`empty value for ${attrType}`);
    rdn.push({ type: attrType, parts });
    const sep = chars[i];
    if (sep === '+') {
      i++;
      continue;
    }
    if (sep !== undefined && sep !== ',') throw new SubjectTemplateError(`expected "," or "+" after value of ${attrType}`);
    rdns.push(rdn);
    rdn = [];
    if (sep === undefined) break;
    i++;
  }
  if (rdns.length > MAX_RDNS) throw new SubjectTemplateError(`too many RDNs (${rdns.length} > ${MAX_RDNS})`);
  return rdns;
}

/** Check one substituted value against what a CA will accept for its attribute type. */
function checkValue(type: string, value: string): string {
  if (value.trim() === '') throw new SubjectTemplateError(`${type} is empty after substitution`);
  if (/\p{Cc}/u.test(value)) throw new SubjectTemplateError(`${type} contains a control character`);
  if (type === 'C') {
    if (!/^[A-Za-z]{2}$/.test(value)) throw new SubjectTemplateError(`C must be a two-letter ISO 3166 country code, got "${value}"`);
    return value.toUpperCase();
  }
  const max = MAX_LENGTH[type] ?? 255;
  const length = Array.from(value).length;
  if (length > max) throw new SubjectTemplateError(`${type} is ${length} characters, more than the X.509 limit of ${max}`);
  return value;
}

/** Substitute placeholders into a parsed template and return the [SCEP] Subject array. */
export function renderSubject(template: string | ParsedSubjectTemplate, values: PlaceholderValues): ScepSubject {
  const parsed = typeof template === 'string' ? parseSubjectTemplate(template) : template;
  return parsed.map((rdn) =>
    rdn.map(({ type, parts }): ScepSubjectPair => {
      const value = parts
        .map((p) => {
          if (p.kind === 'text') return p.text;
          const v = values[p.name];
          if (v === undefined || v === '') throw new SubjectTemplateError(`${type} uses {${p.name}} but no ${p.name} was given`);
          return v;
        })
        .join('');
      return [type, checkValue(type, value)];
    }),
  );
}

/** For SubjectAltName templates: plain text with placeholders, no RDN syntax. */
export function expandPlaceholders(template: string, values: PlaceholderValues, allowed: readonly SubjectPlaceholder[]): string {
  return template.replace(/\{([^}]*)\}/g, (_m, name: string) => {
    if (!(allowed as readonly string[]).includes(name)) {
      throw new SubjectTemplateError(`unknown placeholder "{${name}}" (allowed: ${allowed.map((p) => `{${p}}`).join(', ')})`);
    }
    const v = values[name as SubjectPlaceholder];
    if (v === undefined || v === '') throw new SubjectTemplateError(`uses {${name}} but no ${name} was given`);
    return v;
  });
}
