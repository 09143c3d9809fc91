/**
 * What a CSR asks to be named, checked for what no certificate may carry whoever the challenge belongs to: unsafe
 * text, values that are not strings, names over X.509's size limits, more SANs than the policy allows, a subject
 * Tessera's DN encoder cannot write. The result is in Tessera's own spelling, ready to compare and to issue.
 */
import type { CsrSummary, SanEntry } from '../../../pki/csr-types';
import { parseDistinguishedName, type Rdn } from '../../../pki/x509/name';
import { NameError } from '../../../pki/errors';
import { canonicalSubject, sanLabel, uniqueSans, type Identity } from './identity';
import { unsafeText } from './unsafe-text';

export type IdentityRefusal = { code: 'subject-invalid' | 'san-invalid' | 'san-not-allowed'; reason: string };
export type RequestedIdentity = { ok: true; identity: Identity } | ({ ok: false } & IdentityRefusal);

/** RFC 5280 Appendix A: ub-common-name 64. Other attributes get a generous ceiling. */
export const MAX_CN_LENGTH = 64;
const MAX_VALUE_LENGTH = 255;
const MAX_ATTRIBUTES = 16;
const MAX_SAN_LENGTH = 1024;
const OID_CN = '2.5.4.3';

const refused = (code: IdentityRefusal['code'], reason: string): RequestedIdentity => ({ ok: false, code, reason });

function subjectProblem(rdns: Rdn[]): string | null {
  const attributes = rdns.flat();
  if (attributes.length > MAX_ATTRIBUTES) return `the subject has ${attributes.length} attributes; at most ${MAX_ATTRIBUTES} are allowed`;
  for (const a of attributes) {
    const name = a.oid === OID_CN ? 'CN' : `subject attribute ${a.oid}`;
    if (a.rawValueDer) return `${name} is not a string`;
    const unsafe = unsafeText(a.value);
    if (unsafe) return `${name} ${unsafe}`;
    const length = Array.from(a.value).length;
    const max = a.oid === OID_CN ? MAX_CN_LENGTH : MAX_VALUE_LENGTH;
    if (length > max) return `${name} is ${length} characters; at most ${max} are allowed`;
  }
  return null;
}

/** A subject in RFC 4514 text (a CSR's, or one an admin typed) in Tessera's spelling, or why it cannot be issued. */
export function checkSubject(text: string): { ok: true; subject: string } | { ok: false; reason: string } {
  // Checked on the text before parsing: the RFC 4514 round trip would turn a lone surrogate into U+FFFD.
  if (!text.isWellFormed()) return { ok: false, reason: 'the subject is not valid Unicode (it holds a lone UTF-16 surrogate)' };
  try {
    const rdns = parseDistinguishedName(text);
    const problem = subjectProblem(rdns);
    if (problem) return { ok: false, reason: problem };
    return { ok: true, subject: canonicalSubject(rdns) };
  } catch (e) {
    if (!(e instanceof NameError)) throw e;
    return { ok: false, reason: `the subject cannot be issued: ${e.message}` };
  }
}

/** Why a SAN value cannot go into a certificate whatever the policy, or null. */
export function sanTextProblem(san: SanEntry): string | null {
  const unsafe = unsafeText(san.value);
  if (unsafe) return `the ${san.type} SAN ${JSON.stringify(san.value)} ${unsafe}`;
  if (san.value.length > MAX_SAN_LENGTH) return `the ${san.type} SAN ${sanLabel(san).slice(0, 60)}… is ${san.value.length} characters long`;
  return null;
}

export function requestedIdentity(csr: CsrSummary, maxSans: number): RequestedIdentity {
  const subject = checkSubject(csr.subject);
  if (!subject.ok) return refused('subject-invalid', `${subject.reason} (CSR subject "${csr.subject}")`);
  if (csr.sans.length > maxSans) return refused('san-not-allowed', `the CSR asks for ${csr.sans.length} subjectAltNames; at most ${maxSans} are allowed`);
  for (const san of csr.sans) {
    const problem = sanTextProblem(san);
    if (problem) return refused('san-invalid', problem);
  }
  return { ok: true, identity: { subject: subject.subject, sans: uniqueSans(csr.sans) } };
}
