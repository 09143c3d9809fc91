import { createHash } from 'node:crypto';
import { parse, type PlistValue } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnrollmentProfile, renderProfilePlist, scepUrlFor } from './build-profile';
import { ProfileError } from './errors';
import { MANUAL_APPROVAL_WINDOW_SECONDS, pendingWindowSeconds, retryPolicyFor } from './retry-policy';
import { ZProfileTemplateInputSchema } from './template-schema';
import { getPayload, PayloadTypes } from './types';
import { sampleInput, sampleTemplate, sequentialUuids } from '../../test/support/profile-fixtures';
import { makeTestPki, openssl, type TestPki } from '../../test/support/profile-test-pki';

type Dict = { [key: string]: PlistValue };
const asDict = (v: PlistValue | undefined): Dict => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || v instanceof Uint8Array) throw new Error('not a dict');
  return v as Dict;
};
const asArray = (v: PlistValue | undefined): PlistValue[] => {
  if (!Array.isArray(v)) throw new Error('not an array');
  return v;
};

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki.cleanup());

function buildAndParse(overrides: Parameters<typeof sampleInput>[1] = {}) {
  const profile = buildEnrollmentProfile(sampleInput(pki.root.certDer, overrides));
  const xml = renderProfilePlist(profile);
  const parsed = asDict(parse(xml));
  const payloads = asArray(parsed.PayloadContent).map(asDict);
  const byType = (t: string) => payloads.find((p) => p.PayloadType === t) ?? asDict(undefined);
  return { profile, xml, parsed, payloads, byType };
}

describe('buildEnrollmentProfile → renderProfilePlist → plist.parse', () => {
  it('writes the [TL] keys', () => {
    const { parsed } = buildAndParse();
    expect(parsed).toMatchObject({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadIdentifier: 'com.example.tessera.mail',
      PayloadDisplayName: 'Example Mail',
      PayloadOrganization: 'Example',
      PayloadRemovalDisallowed: false,
      TargetDeviceType: 1,
    });
    expect(parsed.PayloadDescription).toMatch(/alice@example\.com, then sets up Exchange and Wi-Fi/);
    expect(asArray(parsed.PayloadContent).map((p) => asDict(p).PayloadType)).toEqual([
      PayloadTypes.Root,
      PayloadTypes.Scep,
      PayloadTypes.Eas,
      PayloadTypes.Wifi,
    ]);
  });

  it('writes the SCEP settings with the exact keys, types and subject nesting', () => {
    const { byType, xml } = buildAndParse();
    const content = asDict(byType(PayloadTypes.Scep).PayloadContent);
    expect(content).toMatchObject({
      URL: 'https://pki.example.com/scep',
      Name: 'tessera-ca',
      Subject: [[['CN', 'alice@example.com']], [['O', 'Example']]],
      Challenge: 'one-time-secret-1',
      Keysize: 2048,
      'Key Type': 'RSA',
      'Key Usage': 5,
      Retries: 3,
      RetryDelay: 10,
      SubjectAltName: { rfc822Name: 'alice@example.com', ntPrincipalName: 'alice@corp.example.com' },
    });
    expect(xml).toMatch(/<key>Keysize<\/key>\s*<integer>2048<\/integer>/);
    expect(xml).toMatch(/<key>CAFingerprint<\/key>\s*<data>/);
  });

  it('pins the CA: CAFingerprint is the 20-byte SHA-1 of the CA DER, root PayloadContent is the DER', () => {
    const { byType } = buildAndParse();
    const fp = asDict(byType(PayloadTypes.Scep).PayloadContent).CAFingerprint;
    expect(fp).toBeInstanceOf(Uint8Array);
    const bytes = Buffer.from(fp as Uint8Array);
    expect(bytes).toHaveLength(20);
    expect(bytes.equals(createHash('sha1').update(pki.root.certDer).digest())).toBe(true);
    const opensslFp = openssl(['x509', '-in', pki.root.certPath, '-noout', '-fingerprint', '-sha1']).toString();
    expect(opensslFp.trim().split('=')[1].replace(/:/g, '')).toBe(bytes.toString('hex').toUpperCase());
    expect(Buffer.from(byType(PayloadTypes.Root).PayloadContent as Uint8Array).equals(pki.root.certDer)).toBe(true);
  });

  it('points every PayloadCertificateUUID at the SCEP payload and the Wi-Fi anchor at the root payload', () => {
    const { byType, payloads } = buildAndParse();
    const scepUuid = byType(PayloadTypes.Scep).PayloadUUID;
    const refs = payloads.filter((p) => 'PayloadCertificateUUID' in p).map((p) => p.PayloadCertificateUUID);
    expect(refs).toEqual([scepUuid, scepUuid]);
    const eap = asDict(byType(PayloadTypes.Wifi).EAPClientConfiguration);
    expect(eap).toEqual({
      AcceptEAPTypes: [13],
      UserName: 'alice',
      PayloadCertificateAnchorUUID: [byType(PayloadTypes.Root).PayloadUUID],
      TLSTrustedServerNames: ['radius.example.com'],
    });
    expect(byType(PayloadTypes.Wifi)).toMatchObject({ SSID_STR: 'Example Corp', EncryptionType: 'WPA2', AutoJoin: true });
  });

  it('writes the Exchange account for the person, domain as DOMAIN\\user', () => {
    const { byType } = buildAndParse();
    expect(byType(PayloadTypes.Eas)).toMatchObject({
      Host: 'mail.example.com',
      SSL: true,
      UserName: 'CORP\\alice',
      EmailAddress: 'alice@example.com',
    });
    const noDomain = buildAndParse({
      template: sampleTemplate({ eas: { host: 'mail.example.com', ssl: false }, sanTemplate: { rfc822Name: '{email}' } }),
      person: { email: 'bob@example.com' },
    });
    expect(noDomain.byType(PayloadTypes.Eas)).toMatchObject({ SSL: false, UserName: 'bob@example.com' });
  });

  it('omits optional payloads and keys the template does not ask for', () => {
    const { payloads, byType, parsed } = buildAndParse({
      template: sampleTemplate({ eas: null, wifi: undefined, sanTemplate: undefined, subjectTemplate: undefined }),
    });
    expect(payloads.map((p) => p.PayloadType)).toEqual([PayloadTypes.Root, PayloadTypes.Scep]);
    const content = asDict(byType(PayloadTypes.Scep).PayloadContent);
    expect(content.Subject).toEqual([[['CN', 'alice@example.com']]]);
    expect('SubjectAltName' in content).toBe(false);
    expect(parsed.PayloadDescription).toMatch(/certificate for alice@example\.com\.$/);
  });

  it('keeps identifiers stable across re-issues while every PayloadUUID is fresh', () => {
    const a = buildEnrollmentProfile(sampleInput(pki.root.certDer, { challenge: 'first' }));
    const b = buildEnrollmentProfile(sampleInput(pki.root.certDer, { challenge: 'second', person: { email: 'carol@example.com', username: 'carol' } }));
    const ids = (p: typeof a) => [p.PayloadIdentifier, ...p.PayloadContent.map((x) => x.PayloadIdentifier)];
    const uuids = (p: typeof a) => [p.PayloadUUID, ...p.PayloadContent.map((x) => x.PayloadUUID)];
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).toEqual([
      'com.example.tessera.mail',
      'com.example.tessera.mail.ca',
      'com.example.tessera.mail.scep',
      'com.example.tessera.mail.eas',
      'com.example.tessera.mail.wifi',
    ]);
    expect(new Set([...uuids(a), ...uuids(b)]).size).toBe(10);
    for (const u of uuids(a)) expect(u).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(getPayload(a, PayloadTypes.Scep).PayloadContent.Challenge).toBe('first');
    expect(getPayload(b, PayloadTypes.Scep).PayloadContent.Challenge).toBe('second');
  });

  it('is deterministic with an injected uuid source', () => {
    const xml = () => renderProfilePlist(buildEnrollmentProfile(sampleInput(pki.root.certDer, { uuid: sequentialUuids(1) })));
    expect(xml()).toBe(xml());
    expect(() => buildEnrollmentProfile(sampleInput(pki.root.certDer, { uuid: () => 'same' }))).toThrow(/not a UUID/);
  });

  it('builds scepUrl from a public base URL', () => {
    expect(scepUrlFor('https://pki.example.com')).toBe('https://pki.example.com/scep');
    expect(scepUrlFor('https://pki.example.com/tessera/')).toBe('https://pki.example.com/tessera/scep');
  });
});

describe('input validation', () => {
  function issuesOf(fn: () => unknown): string[] {
    try {
      fn();
    } catch (e) {
      if (e instanceof ProfileError) {
        expect(e.code).toBe('PROFILE_INPUT_INVALID');
        return e.issues.map((i) => `${i.path}: ${i.message}`);
      }
      throw e;
    }
    throw new Error('expected a ProfileError');
  }

  it('names every bad field', () => {
    const issues = issuesOf(() =>
      buildEnrollmentProfile(
        sampleInput(pki.signer.certDer, {
          template: sampleTemplate({
            identifierPrefix: 'not reverse dns',
            subjectTemplate: 'CN={mail}',
            wifi: { ssid: 'x'.repeat(33), encryption: 'WPA2' },
            retries: 1.5,
          }),
          person: { email: 'not-an-email' },
          scepUrl: 'https://pki.example.com/scep?x=1',
          challenge: '',
        }),
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^template\.identifierPrefix: must be a reverse-DNS identifier/),
        expect.stringMatching(/^template\.subjectTemplate: unknown placeholder "\{mail\}"/),
        expect.stringMatching(/^template\.wifi\.ssid: must be at most 32 bytes/),
        expect.stringMatching(/^template\.retries: must be a whole number/),
        expect.stringMatching(/^person\.email: must be an email address/),
        expect.stringMatching(/^scepUrl: must be an absolute http\(s\) URL without query/),
        expect.stringMatching(/^challenge: /),
        expect.stringMatching(/^caCertificateDer: is not a CA certificate/),
      ]),
    );
  });

  it('reports placeholders the person cannot fill and SAN values of the wrong shape', () => {
    const issues = issuesOf(() =>
      buildEnrollmentProfile(
        sampleInput(pki.root.certDer, {
          template: sampleTemplate({ subjectTemplate: 'CN={displayName}', sanTemplate: { dNSName: '{username}.example.com', ntPrincipalName: '{username}' } }),
          person: { email: 'bob@example.com', username: 'bob smith' },
        }),
      ),
    );
    expect(issues).toEqual([
      'template.subjectTemplate: CN uses {displayName} but no displayName was given',
      'template.sanTemplate.dNSName: "bob smith.example.com" is not a DNS name',
      'template.sanTemplate.ntPrincipalName: "bob smith" is not a user principal name (user@REALM)',
    ]);
  });

  it('applies the documented defaults', () => {
    const t = ZProfileTemplateInputSchema.parse({ name: 'n', organization: 'o', identifierPrefix: 'com.example.x', retries: 3, retryDelaySeconds: 10 });
    expect(t).toMatchObject({ subjectTemplate: 'CN={email}', eas: null, wifi: null });
    expect(ZProfileTemplateInputSchema.parse({ ...t, eas: { host: 'mail.example.com' } }).eas).toEqual({ host: 'mail.example.com', ssl: true });
    const r = ZProfileTemplateInputSchema.safeParse({ ...t, eas: { host: 'https://mail.example.com/EWS' } });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['eas.host']);
  });
});

describe('retryPolicyFor', () => {
  it('uses [SCEP] defaults for auto approval', () => {
    expect(retryPolicyFor('auto')).toEqual({ retries: 3, retryDelaySeconds: 10 });
  });
  it('keeps the device polling ≥ 10 minutes for manual approval', () => {
    const manual = retryPolicyFor('manual');
    expect(pendingWindowSeconds(manual)).toBeGreaterThanOrEqual(MANUAL_APPROVAL_WINDOW_SECONDS);
    expect(ZProfileTemplateInputSchema.safeParse({ ...sampleTemplate(), ...manual }).success).toBe(true);
  });
});
