/** Each identity rule on its own: unsafe text, the bound-identity subset rule, the policy, keys, profile identities. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logText } from '../log-text';
import { renewalOpensAt } from '../renewal-window';
import { identityKey, type Identity } from './identity';
import { checkIdentityPolicy, DEFAULT_IDENTITY_POLICY, ZIdentityPolicySchema, type IdentityPolicy } from './identity-policy';
import { namesOutside } from './names-outside';
import { identityFromScepPayload } from './profile-identity';
import { checkSubject } from './requested-identity';
import { unsafeText } from './unsafe-text';

const bob: Identity = { subject: 'CN=bob@example.test,O=Example Corp', sans: [{ type: 'email', value: 'bob@example.test' }, { type: 'dns', value: 'bob-phone.example.test' }] };
const policy = (p: Partial<IdentityPolicy>): IdentityPolicy => ({ ...DEFAULT_IDENTITY_POLICY, ...p });

describe('unsafeText', () => {
  it('names NUL, other controls, bidi overrides and lone surrogates; accepts ordinary Unicode', () => {
    expect(unsafeText('bob\u0000.evil')).toBe('contains a NUL byte');
    expect(unsafeText('a\u001b[2J')).toBe('contains a control character (U+001B)');
    expect(unsafeText('a\u0085')).toBe('contains a control character (U+0085)');
    expect(unsafeText('txt.\u202Eexe')).toBe('contains a bidirectional override (U+202E)');
    expect(unsafeText('x\uD800')).toMatch(/lone UTF-16 surrogate/);
    expect(unsafeText('Zoë Ünal 👩‍💻 李')).toBeNull();
  });
});

describe('checkSubject', () => {
  it('spells a subject the Tessera way and refuses what cannot be issued', () => {
    expect(checkSubject('cn=bob , o=Example Corp')).toEqual({ ok: true, subject: 'CN=bob,O=Example Corp' });
    expect(checkSubject(`CN=${'x'.repeat(65)}`)).toMatchObject({ ok: false, reason: 'CN is 65 characters; at most 64 are allowed' });
    expect(checkSubject('CN=a\\00b')).toMatchObject({ ok: false, reason: 'CN contains a NUL byte' });
    expect(checkSubject('C=USA')).toMatchObject({ ok: false, reason: expect.stringMatching(/two-letter country code/) });
    expect(checkSubject('CN=#0403616263')).toMatchObject({ ok: false, reason: 'CN is not a string' });
  });
});

describe('namesOutside (bound identity)', () => {
  it('allows the bound identity or less, in any order and case for host and mail names', () => {
    expect(namesOutside(bob, bob)).toEqual([]);
    expect(namesOutside({ subject: 'CN=bob@example.test', sans: [] }, bob)).toEqual([]);
    expect(namesOutside({ subject: 'O=Example Corp,CN=bob@example.test', sans: [{ type: 'dns', value: 'BOB-PHONE.example.test' }] }, bob)).toEqual([]);
  });

  it('lists every other name', () => {
    const asked: Identity = { subject: 'CN=alice@example.test,O=Example Corp', sans: [{ type: 'email', value: 'bob@example.test' }, { type: 'uri', value: 'https://evil.example/' }] };
    expect(namesOutside(asked, bob)).toEqual(['CN=alice@example.test', 'uri:https://evil.example/']);
    // URIs compare exactly; a name with the same value under another type is another name.
    expect(namesOutside({ subject: '', sans: [{ type: 'upn', value: 'bob@example.test' }] }, bob)).toEqual(['upn:bob@example.test']);
  });
});

describe('checkIdentityPolicy (unbound challenge)', () => {
  it('allows a subject alone by default and refuses every SAN', () => {
    expect(checkIdentityPolicy({ subject: 'CN=laptop-1', sans: [] }, DEFAULT_IDENTITY_POLICY)).toBeNull();
    expect(checkIdentityPolicy(bob, DEFAULT_IDENTITY_POLICY)).toMatchObject({ code: 'san-not-allowed', reason: expect.stringMatching(/allows no SANs.*email SANs are not allowed/) });
    expect(checkIdentityPolicy({ subject: '', sans: [] }, DEFAULT_IDENTITY_POLICY)).toMatchObject({ code: 'subject-invalid' });
  });

  it('applies domains: exact for e-mail and UPN, the name or below it for DNS; empty lists allow any', () => {
    const p = policy({ allowedSanTypes: ['email', 'dns', 'upn'], emailDomains: ['example.test'], dnsSuffixes: ['devices.example.test'], upnDomains: ['corp.example.test'] });
    const ok = (type: 'email' | 'dns' | 'upn', value: string) => checkIdentityPolicy({ subject: 'CN=x', sans: [{ type, value }] }, p) === null;
    expect(ok('email', 'a@EXAMPLE.test')).toBe(true);
    expect(ok('email', 'a@sub.example.test')).toBe(false);
    expect(ok('dns', 'devices.example.test')).toBe(true);
    expect(ok('dns', 'x.y.devices.example.test')).toBe(true);
    expect(ok('dns', 'evildevices.example.test')).toBe(false);
    expect(ok('dns', 'bad name')).toBe(false);
    expect(ok('upn', 'a@CORP.EXAMPLE.TEST')).toBe(true);
    expect(checkIdentityPolicy({ subject: 'CN=x', sans: [{ type: 'dns', value: 'anything.example' }] }, policy({ allowedSanTypes: ['dns'] }))).toBeNull();
  });

  it('normalises the domains an admin types', () => {
    expect(ZIdentityPolicySchema.parse({ ...DEFAULT_IDENTITY_POLICY, dnsSuffixes: ['*.Example.TEST', '.example.test', 'example.test'] }).dnsSuffixes).toEqual(['example.test']);
    expect(ZIdentityPolicySchema.safeParse({ ...DEFAULT_IDENTITY_POLICY, emailDomains: ['exa mple.test'] }).success).toBe(false);
  });
});

describe('identityKey', () => {
  it('ignores SAN order and repeats, not subject order', () => {
    const swapped: Identity = { subject: bob.subject, sans: [bob.sans[1]!, bob.sans[0]!, bob.sans[0]!] };
    expect(identityKey(swapped)).toBe(identityKey(bob));
    expect(identityKey({ ...bob, subject: 'O=Example Corp,CN=bob@example.test' })).not.toBe(identityKey(bob));
  });
});

describe('identityFromScepPayload', () => {
  it('reads the [SCEP] Subject in DER order and maps SubjectAltName keys to SAN types', () => {
    const identity = identityFromScepPayload({
      Subject: [[['CN', 'Dana Scully']], [['OU', 'Staff']], [['O', 'Example Corp']], [['0.9.2342.19200300.100.1.1', 'dana']]],
      SubjectAltName: { rfc822Name: 'dana@example.test', ntPrincipalName: 'dana@CORP.EXAMPLE.TEST' },
    });
    // RFC 4514 text lists the last RDN first.
    expect(identity).toEqual({
      subject: 'UID=dana,O=Example Corp,OU=Staff,CN=Dana Scully',
      sans: [{ type: 'email', value: 'dana@example.test' }, { type: 'upn', value: 'dana@CORP.EXAMPLE.TEST' }],
    });
  });
});

describe('renewalOpensAt', () => {
  it('opens for the last N % of the validity', () => {
    const cert = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2026-01-31T00:00:00Z') };
    expect(renewalOpensAt(cert, 100 / 3).toISOString()).toBe('2026-01-21T00:00:00.000Z');
    expect(renewalOpensAt(cert, 100).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('logText', () => {
  it('makes anything storable and printable, within the length', () => {
    expect(logText('Get\u0000CACert\u001b[2J\uD800', 100)).toBe('Get\\x00CACert\\x1b[2J\\ud800');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (s, max) => {
        const out = logText(s, max);
        return out.length <= max && out.isWellFormed() && !/\p{Cc}/u.test(out);
      }),
    );
  });
});
