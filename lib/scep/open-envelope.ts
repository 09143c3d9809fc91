/**
 * pkcsPKIEnvelope decryption (RFC 8894 §3.2.2; checklist §4 step 7). Every failure after the private-key
 * operation is reported identically — "could not decrypt the request" — so the log and the client see no
 * difference between a bad RSA block, a bad CBC padding and garbage plaintext (no padding oracle).
 */
import {
  CmsError,
  decryptEnvelopedData,
  envelopeCipher,
  parseEnvelopedData,
  type CertificateRef,
  type ContentCipherSpec,
} from '../pki/cms';
import type crypto from 'node:crypto';
import type { FailInfoName } from './backend';

export const DECRYPT_FAILED = 'could not decrypt the request';

export type OpenEnvelopeResult =
  | { ok: true; plaintext: Uint8Array; cipher: ContentCipherSpec }
  | { ok: false; failInfo: FailInfoName; reason: string; clientText: string; cipher: ContentCipherSpec | null };

export function openPkiEnvelope(
  eContent: Uint8Array | null,
  ca: { certificate: CertificateRef; privateKey: crypto.KeyObject },
  opts: { legacy: boolean },
): OpenEnvelopeResult {
  const generic = (reason: string, cipher: ContentCipherSpec | null = null): OpenEnvelopeResult => ({
    ok: false,
    failInfo: 'badRequest',
    reason,
    clientText: DECRYPT_FAILED,
    cipher,
  });
  if (!eContent || eContent.length === 0) return generic('the request carries no encrypted pkcsPKIEnvelope');
  let env;
  try {
    env = parseEnvelopedData(eContent);
  } catch (e) {
    return generic(`${DECRYPT_FAILED}: ${e instanceof CmsError ? e.message : 'the envelope is malformed'}`);
  }
  const result = decryptEnvelopedData(env, ca, { allowLegacy: opts.legacy });
  if (result.ok) return result;
  const cipher = envelopeCipher(env);
  switch (result.code) {
    case 'no-recipient':
      return generic(`${DECRYPT_FAILED}: it is not encrypted to this CA's certificate (${result.detail})`, cipher);
    case 'legacy-algorithm':
      return {
        ok: false,
        failInfo: 'badAlg',
        reason: `request used single DES (${result.detail}); enable the legacy-cipher setting to accept it`,
        clientText: 'unsupported algorithm',
        cipher,
      };
    case 'unsupported-algorithm':
      return { ok: false, failInfo: 'badAlg', reason: `request used an ${result.detail}`, clientText: 'unsupported algorithm', cipher };
    default:
      return generic(DECRYPT_FAILED, cipher);
  }
}
