import { parse } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnrollmentProfile, renderProfilePlist, toPlistValue } from './build-profile';
import { checkProfileAgainstSchema, DEFAULT_SCHEMA_DIR, loadAppleSchemas, type SchemaViolation } from '../../test/support/apple-schema';
import { sampleInput, sampleTemplate } from '../../test/support/profile-fixtures';
import { makeTestPki, type TestPki } from '../../test/support/profile-test-pki';

const schemas = loadAppleSchemas();
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki.cleanup());

type Json = { [key: string]: unknown };
/** A mutable deep copy of a built profile (Buffers kept) for breaking on purpose. */
function profileCopy(wifi = true): Json {
  const template = sampleTemplate(wifi ? {} : { wifi: null });
  return toPlistValue(buildEnrollmentProfile(sampleInput(pki.root.certDer, { template }))) as Json;
}
const payload = (p: Json, i: number) => (p.PayloadContent as Json[])[i];
const scepContent = (p: Json) => payload(p, 1).PayloadContent as Json;
const codes = (v: SchemaViolation[]) => v.map((x) => `${x.code} ${x.path}`);

describe('loadAppleSchemas', () => {
  it('loads every vendored payload schema, from the default or an explicit dir', () => {
    expect([...schemas.payloads.keys()].sort()).toEqual([
      'com.apple.eas.account',
      'com.apple.mail.managed',
      'com.apple.security.acme',
      'com.apple.security.pem',
      'com.apple.security.pkcs1',
      'com.apple.security.pkcs12',
      'com.apple.security.root',
      'com.apple.security.scep',
      'com.apple.vpn.managed',
      'com.apple.wifi.managed',
    ]);
    expect(loadAppleSchemas(DEFAULT_SCHEMA_DIR).topLevel.keys.length).toBe(schemas.topLevel.keys.length);
  });
});

describe('generated profiles conform', () => {
  it.each([
    ['with Wi-Fi', true],
    ['without Wi-Fi', false],
  ])('%s: built object and re-parsed plist have zero violations (iOS)', (_name, wifi) => {
    const built = buildEnrollmentProfile(sampleInput(pki.root.certDer, { template: sampleTemplate(wifi ? {} : { wifi: null, eas: null }) }));
    expect(checkProfileAgainstSchema(built, schemas, { os: 'iOS' })).toEqual([]);
    expect(checkProfileAgainstSchema(parse(renderProfilePlist(built)), schemas, { os: 'iOS' })).toEqual([]);
  });
});

describe('broken profiles are reported with paths', () => {
  const scepPath = 'PayloadContent[1]<com.apple.security.scep>.PayloadContent';
  const cases: [string, (p: Json) => void, string[]][] = [
    ['wrong type', (p) => (scepContent(p).Keysize = '2048'), [`type ${scepPath}.Keysize`]],
    ['real where integer', (p) => (scepContent(p).Retries = 2.5), [`type ${scepPath}.Retries`]],
    ['unknown key', (p) => (scepContent(p).KeySize = 2048), [`unknown-key ${scepPath}.KeySize`]],
    ['unknown top-level key', (p) => (p.PayloadOwner = 'x'), ['unknown-key PayloadOwner']],
    ['value outside rangelist', (p) => (scepContent(p).Keysize = 3072), [`rangelist ${scepPath}.Keysize`]],
    ['PayloadVersion outside rangelist', (p) => (p.PayloadVersion = 2), ['rangelist PayloadVersion']],
    ['TargetDeviceType outside rangelist', (p) => (p.TargetDeviceType = 7), ['rangelist TargetDeviceType']],
    ['missing required (nested)', (p) => delete scepContent(p).URL, [`required ${scepPath}.URL`]],
    ['missing required (top)', (p) => delete p.PayloadIdentifier, ['required PayloadIdentifier']],
    ['missing required [CPK] key', (p) => delete payload(p, 2).PayloadUUID, ['required PayloadContent[2]<com.apple.eas.account>.PayloadUUID']],
    ['wrong top-level PayloadType', (p) => (p.PayloadType = 'Profile'), ['rangelist PayloadType']],
    ['unknown payload type', (p) => (payload(p, 2).PayloadType = 'com.apple.eas'), ['payload-type PayloadContent[2]<com.apple.eas>.PayloadType']],
    ['flat Subject (iOS refuses it)', (p) => (scepContent(p).Subject = [['CN', 'x']]), [`type ${scepPath}.Subject[0][0]`, `type ${scepPath}.Subject[0][1]`]],
    ['Subject pair of 3', (p) => (scepContent(p).Subject = [[['CN', 'x', 'y']]]), [`repetition ${scepPath}.Subject[0][0]`]],
    ['UUID format', (p) => (payload(p, 2).PayloadCertificateUUID = 'scep'), [
      'format PayloadContent[2]<com.apple.eas.account>.PayloadCertificateUUID',
      'dangling-reference PayloadContent[2]<com.apple.eas.account>.PayloadCertificateUUID',
    ]],
    ['EAP type outside rangelist', (p) => ((payload(p, 3).EAPClientConfiguration as Json).AcceptEAPTypes = [13, 99]), [
      'rangelist PayloadContent[3]<com.apple.wifi.managed>.EAPClientConfiguration.AcceptEAPTypes[1]',
    ]],
    ['duplicate PayloadUUID', (p) => (payload(p, 3).PayloadUUID = payload(p, 2).PayloadUUID), [
      'duplicate PayloadContent[3]<com.apple.wifi.managed>.PayloadUUID',
    ]],
    ['data as string', (p) => (payload(p, 0).PayloadContent = 'MIIB'), ['type PayloadContent[0]<com.apple.security.root>.PayloadContent']],
  ];
  it.each(cases)('%s', (_name, breakIt, expected) => {
    const p = profileCopy();
    breakIt(p);
    expect(codes(checkProfileAgainstSchema(p, schemas))).toEqual(expected);
  });

  it('flags keys and payloads not available on the chosen OS', () => {
    const p = profileCopy(false);
    expect(codes(checkProfileAgainstSchema(p, schemas, { os: 'visionOS' }))).toEqual(['unsupported-os PayloadRemovalDisallowed']);
    expect(codes(checkProfileAgainstSchema(p, schemas, { os: 'macOS' }))).toEqual(['unsupported-os PayloadContent[2]<com.apple.eas.account>']);
  });

  it('reports a profile that is not a dictionary', () => {
    expect(codes(checkProfileAgainstSchema(['x'], schemas))).toEqual(['type ']);
  });
});
