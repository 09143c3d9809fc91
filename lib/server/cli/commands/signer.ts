import { z } from 'zod';
import { colonHex } from '../../../pki/x509/fingerprints';
import { appleTrustChecks } from '../../../pki/x509/apple-trust-checks';
import { recordAudit } from '../../audit/record-audit';
import { storeAuthority } from '../../ca/store-authority';
import { defineCommand } from '../command';
import { ZIdentityInputSchema, identityFlags, readIdentityInput } from './identity-input';

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
  flags: identityFlags('certificate, optionally followed by its chain (PEM)'),
  schema: ZIdentityInputSchema,
  async run(input, { runtime, actor }) {
    const identity = readIdentityInput(input, 'signer');
    const stored = await storeAuthority(runtime.db, runtime.masterKey, 'profile-signer', identity);
    await recordAudit(runtime.db, actor, 'signer.imported', stored.subject, { sha256: stored.sha256Fingerprint });
    runtime.reload();
    return { subject: stored.subject, sha256: stored.sha256Fingerprint, chain: identity.chainDer.length, notAfter: stored.notAfter.toISOString() };
  },
  text: (o) => `Profiles are now signed by "${o.subject}" (SHA-256 ${colonHex(o.sha256)}, ${o.chain} chain certificate(s)), valid until ${o.notAfter}.`,
});
