import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnrollmentProfile, renderProfilePlist } from './build-profile';
import { parseBer, rawOf } from '../pki/asn1';
import { CmsError } from '../pki/errors';
import { ProfileError } from './errors';
import { signProfile, type ProfileSigner } from './sign-profile';
import { verifySignedProfile } from '../../test/support/verify-signed-profile';
import { sampleInput, sampleTemplate, sequentialUuids } from '../../test/support/profile-fixtures';
import { makeTestPki, openssl, type TestIdentity, type TestPki } from '../../test/support/profile-test-pki';

let pki: TestPki;
let xml: string;
let counter = 0;
const NOW = new Date('2026-03-01T12:34:56Z');

beforeAll(() => {
  pki = makeTestPki();
  // Non-ASCII text in the signed bytes: the signature must cover the UTF-8 exactly as rendered.
  const template = sampleTemplate({ subjectTemplate: 'CN={displayName},O={organization}' });
  const person = { email: 'zoe@example.com', username: 'zoë', displayName: 'Zoë "Z" Müller, Jr.' };
  xml = renderProfilePlist(buildEnrollmentProfile(sampleInput(pki.root.certDer, { template, person, uuid: sequentialUuids(7) })));
  expect(xml).toContain('<string>Zoë "Z" Müller, Jr.</string>');
});
afterAll(() => pki.cleanup());

const signerFrom = (id: TestIdentity, chain = [pki.intermediate.certDer]): ProfileSigner => ({ certificateDer: id.certDer, chainDer: chain, privateKey: id.privateKey });

function write(der: Uint8Array): string {
  const file = path.join(pki.dir, `profile-${++counter}.mobileconfig`);
  writeFileSync(file, der);
  return file;
}

/** Runs `openssl <cmd> -verify`; returns the content it prints, or null when verification fails. */
function opensslVerify(cmd: 'cms' | 'smime', der: Uint8Array): Buffer | null {
  try {
    return openssl([cmd, '-verify', '-inform', 'DER', '-in', write(der), '-CAfile', pki.root.certPath]);
  } catch {
    return null;
  }
}

describe('signProfile', () => {
  it('is accepted by `openssl cms -verify` and `openssl smime -verify`, which output the exact plist', () => {
    const der = signProfile(xml, signerFrom(pki.signer), { now: NOW });
    expect(opensslVerify('cms', der)?.equals(Buffer.from(xml, 'utf8'))).toBe(true);
    expect(opensslVerify('smime', der)?.equals(Buffer.from(xml, 'utf8'))).toBe(true);
  });

  it('verifies with an EC signer too', () => {
    const der = signProfile(xml, signerFrom(pki.ecSigner), { now: NOW });
    expect(opensslVerify('cms', der)?.toString('utf8')).toBe(xml);
    expect(Buffer.from(verifySignedProfile(der).signerCertificateDer).equals(pki.ecSigner.certDer)).toBe(true);
  });

  it('round-trips through verifySignedProfile', () => {
    const der = signProfile(Buffer.from(xml, 'utf8'), signerFrom(pki.signer), { now: NOW });
    const v = verifySignedProfile(der);
    expect(v.plistXml).toBe(xml);
    expect(Buffer.from(v.signerCertificateDer).equals(pki.signer.certDer)).toBe(true);
    expect(v.certificatesDer).toHaveLength(2);
    expect(Buffer.from(der).includes(Buffer.from('260301123456Z'))).toBe(true); // signingTime
    expect(parse(v.plistXml)).toMatchObject({ PayloadType: 'Configuration' });
  });

  it('is deterministic for a fixed clock and writes DER-sorted signed attributes', () => {
    const a = signProfile(xml, signerFrom(pki.signer), { now: NOW });
    expect(Buffer.compare(a, signProfile(xml, signerFrom(pki.signer), { now: NOW }))).toBe(0);
    // ContentInfo → [0] → SignedData → signerInfos → SignerInfo → signedAttrs [0]
    const signedData = parseBer(a).children[1]!.children[0]!.children;
    const signerInfo = signedData[signedData.length - 1]!.children[0]!.children;
    expect(signerInfo[3]).toMatchObject({ cls: 2, tag: 0 });
    const attrs = signerInfo[3]!.children.map(rawOf);
    expect(attrs).toHaveLength(3);
    for (let i = 1; i < attrs.length; i++) expect(Buffer.compare(attrs[i - 1]!, attrs[i]!)).toBeLessThan(0);
  });

  it('needs the chain: without the intermediate openssl cannot build a path to the root', () => {
    const der = signProfile(xml, signerFrom(pki.signer, []), { now: NOW });
    expect(opensslVerify('cms', der)).toBeNull();
    expect(verifySignedProfile(der).plistXml).toBe(xml); // the signature itself is still fine
  });

  it('refuses a key that does not belong to the certificate', () => {
    const bad = { ...signerFrom(pki.signer), privateKey: pki.ecSigner.privateKey };
    expect(() => signProfile(xml, bad)).toThrow(ProfileError);
    expect(() => signProfile(xml, bad)).toThrow(/does not match/);
  });
});

describe('tampering breaks verification', () => {
  function flipAt(der: Uint8Array, needle: string): Buffer {
    const copy = Buffer.from(der);
    const at = copy.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    copy[at]! ^= 0x01;
    return copy;
  }

  it('in the plist content', () => {
    const tampered = flipAt(signProfile(xml, signerFrom(pki.signer), { now: NOW }), 'one-time-secret-1');
    expect(() => verifySignedProfile(tampered)).toThrow(/messageDigest does not match/);
    expect(opensslVerify('cms', tampered)).toBeNull();
    expect(opensslVerify('smime', tampered)).toBeNull();
  });

  it('in the signature', () => {
    const der = signProfile(xml, signerFrom(pki.signer), { now: NOW });
    const tampered = Buffer.from(der);
    tampered[tampered.length - 5]! ^= 0x01; // the signature OCTET STRING ends the structure
    expect(() => verifySignedProfile(tampered)).toThrow(/signature over the signed attributes does not verify/);
    expect(opensslVerify('cms', tampered)).toBeNull();
  });

  it('in the signed attributes (signingTime)', () => {
    const tampered = flipAt(signProfile(xml, signerFrom(pki.signer), { now: NOW }), '260301123456Z');
    expect(() => verifySignedProfile(tampered)).toThrow(/signature over the signed attributes does not verify/);
    expect(opensslVerify('cms', tampered)).toBeNull();
  });

  it('reports garbage as a malformed SignedData', () => {
    expect(() => verifySignedProfile(Buffer.from(xml))).toThrow(CmsError);
  });
});

describe('interop', () => {
  it('verifySignedProfile reads what `openssl cms -sign -nodetach -binary` writes', () => {
    const input = path.join(pki.dir, 'plain.mobileconfig');
    writeFileSync(input, xml);
    const der = openssl([
      'cms', '-sign', '-nodetach', '-binary', '-md', 'sha256', '-outform', 'DER', '-in', input,
      '-signer', pki.signer.certPath, '-inkey', pki.signer.keyPath, '-certfile', pki.intermediate.certPath,
    ]);
    const v = verifySignedProfile(der);
    expect(v.plistXml).toBe(xml);
    expect(Buffer.from(v.signerCertificateDer).equals(pki.signer.certDer)).toBe(true);
  });
});
