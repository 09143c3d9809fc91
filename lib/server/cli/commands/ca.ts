import { z } from 'zod';
import { colonHex } from '../../../pki/x509/fingerprints';
import { recordAudit } from '../../audit/record-audit';
import { storeAuthority } from '../../ca/store-authority';
import { ensureProfileSigner } from '../../ca/ensure-profile-signer';
import { defineCommand } from '../command';
import { ZIdentityInputSchema, identityFlags, readIdentityInput } from './identity-input';

export const caShow = defineCommand({
  name: 'ca show',
  summary: 'Show the active SCEP CA: subject, fingerprints, validity.',
  flags: [],
  schema: z.object({}),
  async run(_input, { runtime }) {
    const ca = await runtime.ca();
    return {
      id: ca.id,
      subject: ca.info.subject,
      serial: ca.info.serialHex,
      key: `${ca.info.keyType}-${ca.info.keyBits}`,
      signatureAlgorithm: ca.info.signatureAlgorithm,
      notBefore: ca.info.notBefore.toISOString(),
      notAfter: ca.info.notAfter.toISOString(),
      sha256: ca.info.sha256Hex,
      sha1: ca.info.sha1Hex,
    };
  },
  text: (o) =>
    [
      `Subject:     ${o.subject}`,
      `Serial:      ${o.serial}`,
      `Key:         ${o.key} (${o.signatureAlgorithm})`,
      `Valid:       ${o.notBefore} → ${o.notAfter}`,
      `SHA-256:     ${colonHex(o.sha256)}`,
      `SHA-1:       ${colonHex(o.sha1)}`,
    ].join('\n'),
});

export const caImport = defineCommand({
  name: 'ca import',
  summary: 'Import an existing CA (PEM certificate + key, or PKCS#12) and make it the active SCEP CA.',
  flags: identityFlags('CA certificate (PEM)'),
  schema: ZIdentityInputSchema,
  async run(input, { runtime, actor }) {
    const identity = readIdentityInput(input, 'CA');
    const stored = await storeAuthority(runtime.db, runtime.masterKey, 'scep-ca', identity);
    await recordAudit(runtime.db, actor, 'ca.imported', stored.subject, { sha256: stored.sha256Fingerprint });
    runtime.reload();
    await ensureProfileSigner(runtime.db, runtime.masterKey, await runtime.ca(), () => {});
    runtime.reload();
    return { id: stored.id, subject: stored.subject, sha256: stored.sha256Fingerprint, notAfter: stored.notAfter.toISOString() };
  },
  text: (o) => `Imported CA "${o.subject}" (SHA-256 ${colonHex(o.sha256)}), valid until ${o.notAfter}. It is now the active SCEP CA.`,
});
