import { z } from 'zod';
import { colonHex } from '../../../pki/x509/fingerprints';
import { importIdentity } from '../../../pki/x509/import-identity';
import { appleTrustChecks } from '../../../pki/x509/apple-trust-checks';
import { recordAudit } from '../../audit/record-audit';
import { storeAuthority } from '../../ca/store-authority';
import { invalid } from '../../errors';
import { defineCommand } from '../command';

export const signerShow = defineCommand({
  name: 'signer show',
  summary: 'Show the identity that signs .mobileconfig profiles, with Apple trust checks.',
  flags: [],
  schema: z.object({}),
  async run(_input, { runtime }) {
    const s = await runtime.profileSigner();
    return {
      subject: s.info.subject,
      issuer: s.info.issuer,
      notAfter: s.info.notAfter.toISOString(),
      sha256: s.info.sha256Hex,
      chain: s.chainDer.length,
      checks: appleTrustChecks(s.info, 'profile-signer', new Date()),
    };
  },
  text: (o) =>
    [
      `Subject:  ${o.subject}`,
      `Issuer:   ${o.issuer}`,
      `Until:    ${o.notAfter}`,
      `SHA-256:  ${colonHex(o.sha256)}`,
      `Chain:    ${o.chain} certificate(s)`,
      ...o.checks.map((c) => `  [${c.status}] ${c.label}: ${c.detail}`),
    ].join('\n'),
});

export const signerImport = defineCommand({
  name: 'signer import',
  summary: 'Sign profiles with an imported identity (e.g. the TLS certificate, so iOS shows "Verified").',
  flags: [
    { name: 'cert', description: 'certificate, optionally followed by its chain (PEM)', file: 'text' },
    { name: 'key', description: 'private key (PEM)', file: 'text' },
    { name: 'pkcs12', description: 'PKCS#12 with certificate, chain and key', file: 'binary' },
    { name: 'password', description: 'password of the PKCS#12 file or encrypted key' },
  ],
  schema: z
    .object({ cert: z.string().optional(), key: z.string().optional(), pkcs12: z.string().optional(), password: z.string().optional() })
    .refine((v) => (v.cert && v.key) || v.pkcs12, { message: 'give --cert and --key, or --pkcs12' }),
  async run(input, { runtime, actor }) {
    let identity;
    try {
      identity = importIdentity({ certPem: input.cert, keyPem: input.key, pkcs12: input.pkcs12 ? Buffer.from(input.pkcs12, 'base64') : undefined, password: input.password });
    } catch (e) {
      throw invalid(`cannot import the signer: ${(e as Error).message}`);
    }
    const stored = await storeAuthority(runtime.db, runtime.masterKey, 'profile-signer', identity);
    await recordAudit(runtime.db, actor, 'signer.imported', stored.subject, { sha256: stored.sha256Fingerprint });
    runtime.reload();
    return { subject: stored.subject, sha256: stored.sha256Fingerprint, chain: identity.chainDer.length, notAfter: stored.notAfter.toISOString() };
  },
  text: (o) => `Profiles are now signed by "${o.subject}" (SHA-256 ${colonHex(o.sha256)}, ${o.chain} chain certificate(s)), valid until ${o.notAfter}.`,
});
