/**
 * PKCSReq / RenewalReq checks between decryption and the backend (RFC 8894 §3.3.1, §2.3–2.5; checklist §4 step 8
 * and §6): the PKCS#10 self-signature, key policy, and how the signer relates to the CSR and to our CA.
 */
import { parseBer, sha256Hex, type CertificateRef } from '../pki/cms';
import { CsrError } from '../pki/x509/csr-error';
import { parseCsr } from '../pki/x509/parse-csr';
import type { EnrollInput, FailInfoName, ScepClientInfo } from './backend';
import { DECRYPT_FAILED } from './open-envelope';
import { signerRelation } from './signer-relation';

export type EnrollmentCheck =
  | { ok: true; input: EnrollInput }
  | { ok: false; failInfo: FailInfoName; reason: string; clientText: string };

export interface EnrollmentContext {
  messageType: 'PKCSReq' | 'RenewalReq';
  transactionId: string;
  csrDer: Uint8Array;
  signer: CertificateRef;
  ca: CertificateRef;
  minRsaBits: number;
  client: ScepClientInfo;
}

const reject = (reason: string, clientText = 'request rejected'): EnrollmentCheck => ({
  ok: false,
  failInfo: 'badRequest',
  reason,
  clientText,
});

export function checkEnrollment(ctx: EnrollmentContext): EnrollmentCheck {
  // Garbage here means the content key was wrong: report it exactly like any other decryption failure.
  try {
    parseBer(ctx.csrDer);
  } catch {
    return reject(DECRYPT_FAILED, DECRYPT_FAILED);
  }
  let csr;
  try {
    csr = parseCsr(ctx.csrDer);
  } catch (e) {
    if (e instanceof CsrError) return reject(`the CSR was refused (${e.code}): ${e.message}`, 'CSR rejected');
    return reject('the CSR could not be read', 'CSR rejected');
  }
  if (csr.keyType !== 'RSA' || csr.keyBits < ctx.minRsaBits) {
    const key = csr.keyType === 'RSA' ? `RSA-${csr.keyBits}` : `${csr.keyType}-${csr.keyBits}`;
    return reject(
      `key not allowed: ${key} (policy requires RSA with at least ${ctx.minRsaBits} bits; Apple profiles default to 1024 unless Keysize is set)`,
      'key not allowed',
    );
  }
  const relation = signerRelation(ctx.signer, ctx.ca);
  if (ctx.messageType === 'RenewalReq' && relation !== 'issued-by-ca') {
    return reject(
      relation === 'self-signed'
        ? 'RenewalReq signed by a self-signed certificate; renewal must be signed by a certificate this CA issued'
        : 'RenewalReq signer certificate was not issued by this CA',
    );
  }
  // A self-signed signer with a key other than the CSR's is accepted: macOS mdmclient signs with a throw-away
  // "MDM SCEP SIGNER" key (lib/scep/testdata/macos-mdmclient-2016), and the CSR's own signature already proves
  // possession of the key being certified. The one-time challenge is what authorises the request.
  return {
    ok: true,
    input: {
      transactionId: ctx.transactionId,
      messageType: ctx.messageType,
      csr,
      signerCertDer: ctx.signer.der,
      signerPublicKeySha256: sha256Hex(ctx.signer.spkiDer),
      renewalOfSerialHex: relation === 'issued-by-ca' ? ctx.signer.serialHex : null,
      client: ctx.client,
    },
  };
}
