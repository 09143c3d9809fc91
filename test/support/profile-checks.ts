/**
 * Test helpers (vitest only): open a downloaded profile the way a device would, verify it with the openssl CLI, and
 * enroll through the SCEP endpoint with the challenge and URL found inside it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, type PlistValue } from 'plist';
import { scepEndpoint } from '../../lib/http/scep-endpoint';
import { derToPem } from '../../lib/pki/x509/pem';
import { PayloadTypes } from '../../lib/profile/types';
import { verifySignedProfile } from './verify-signed-profile';
import { buildClientRequest, parseCertRepForClient, type ClientCertRep } from './scep/client';
import { createClientIdentity, testRsaKey } from './scep/identities';

export interface OpenedProfile {
  plist: PlistObject;
  payloads: PlistObject[];
  scep: PlistObject;
  scepContent: PlistObject;
  /** What `openssl cms -verify` printed (the embedded content), or throws when verification fails. */
  opensslContent: Buffer;
}

export type PlistObject = { [key: string]: PlistValue };

const isObject = (v: PlistValue | undefined): v is PlistObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

/** `openssl cms -verify -inform DER -CAfile <ca> -purpose any`: chain + signature; prints the content. */
export function opensslVerifyProfile(der: Uint8Array, caDer: Uint8Array): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-profile-'));
  try {
    writeFileSync(path.join(dir, 'ca.pem'), derToPem(caDer));
    writeFileSync(path.join(dir, 'profile.mobileconfig'), der);
    return execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', path.join(dir, 'profile.mobileconfig'), '-CAfile', path.join(dir, 'ca.pem'), '-purpose', 'any'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function openProfile(der: Uint8Array, caDer: Uint8Array): OpenedProfile {
  const opensslContent = opensslVerifyProfile(der, caDer);
  const verified = verifySignedProfile(der);
  const plist = parse(verified.plistXml);
  if (!isObject(plist)) throw new Error('profile plist is not a dictionary');
  const content = plist.PayloadContent;
  const payloads = Array.isArray(content) ? content.filter(isObject) : [];
  const scep = payloads.find((p) => p.PayloadType === PayloadTypes.Scep);
  if (!scep || !isObject(scep.PayloadContent)) throw new Error('profile has no SCEP payload');
  return { plist, payloads, scep, scepContent: scep.PayloadContent, opensslContent };
}

/** Every PayloadCertificateUUID in the profile (top level of each payload). */
export function certificateReferences(profile: OpenedProfile): string[] {
  return profile.payloads.flatMap((p) => (typeof p.PayloadCertificateUUID === 'string' ? [p.PayloadCertificateUUID] : []));
}

/** [SCEP] Subject is [[["CN", "…"]], …]: the CN value, if any. */
function subjectCn(subject: PlistValue | undefined): string | undefined {
  if (!Array.isArray(subject)) return undefined;
  for (const rdn of subject) {
    if (!Array.isArray(rdn)) continue;
    for (const pair of rdn) if (Array.isArray(pair) && pair[0] === 'CN' && typeof pair[1] === 'string') return pair[1];
  }
  return undefined;
}

/** A device's PKCSReq with the profile's challenge, POSTed to scepEndpoint at the profile's SCEP URL. */
export async function enrollWithProfile(profile: OpenedProfile, caDer: Uint8Array, keyIndex: number): Promise<ClientCertRep & { transactionId: string }> {
  const url = profile.scepContent.URL;
  const challenge = profile.scepContent.Challenge;
  if (typeof url !== 'string' || typeof challenge !== 'string') throw new Error('SCEP payload lacks URL or Challenge');
  // Like a device: the CSR subject is the one the profile asks for (this client helper supports a CN only).
  const id = createClientIdentity({ privateKey: testRsaKey(2048, keyIndex), challenge, commonName: subjectCn(profile.scepContent.Subject) ?? 'iPhone' });
  const transactionId = `ENROLL-${keyIndex}-${Math.random().toString(36).slice(2)}`;
  const body = buildClientRequest({ messageType: 'PKCSReq', transactionId, signer: id, recipients: [caDer], messageData: id.csrDer });
  const res = await scepEndpoint(new Request(`${url}?operation=PKIOperation`, { method: 'POST', body: Buffer.from(body), headers: { 'user-agent': 'iPhone OS/17 (test)' } }));
  if (res.headers.get('content-type') !== 'application/x-pki-message') throw new Error(`SCEP answered ${res.status} ${await res.text()}`);
  const rep = parseCertRepForClient(new Uint8Array(await res.arrayBuffer()), { caCertificateDer: caDer, recipient: id });
  return { ...rep, transactionId };
}
