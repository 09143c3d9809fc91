/** The `--cert/--key` or `--pkcs12/--password` options shared by `ca import` and `signer import`. */
import { z } from 'zod';
import { importIdentity, type ImportedIdentity } from '../../../pki/x509/import-identity';
import { invalid } from '../../errors';
import type { FlagSpec } from '../command';

export const identityFlags = (certDescription: string): FlagSpec[] => [
  { name: 'cert', description: certDescription, file: 'text' },
  { name: 'key', description: 'private key (PEM, PKCS#1 or PKCS#8)', file: 'text' },
  { name: 'pkcs12', description: 'PKCS#12 file with certificate, chain and key', file: 'binary' },
  { name: 'password', description: 'password of the PKCS#12 file or encrypted key' },
];

export const ZIdentityInputSchema = z
  .object({ cert: z.string().optional(), key: z.string().optional(), pkcs12: z.string().optional(), password: z.string().optional() })
  .refine((v) => (v.cert && v.key) || v.pkcs12, { message: 'give --cert and --key, or --pkcs12' });

/** The identity the options describe; a validation error (exit code 2) naming `what` when it cannot be read. */
export function readIdentityInput(input: z.infer<typeof ZIdentityInputSchema>, what: string): ImportedIdentity {
  try {
    return importIdentity({ certPem: input.cert, keyPem: input.key, pkcs12: input.pkcs12 ? Buffer.from(input.pkcs12, 'base64') : undefined, password: input.password });
  } catch (e) {
    throw invalid(`cannot import the ${what}: ${(e as Error).message}`);
  }
}
