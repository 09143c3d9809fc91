/**
 * PKCSReq / RenewalReq checks between the verified CSR and the backend (RFC 8894 §3.3.1, §2.3–2.5): key policy, and
 * how the signer relates to the CSR and to our CA.
 */
import { createHash } from 'node:crypto';
import { NameError } from '../pki/errors';
import { encodeDistinguishedName, type Certificate, type CsrSummary } from '../pki/x509';
import type { EnrollInput, FailInfoName, ScepClientInfo } from './backend';
import type { ScepReasonCode } from './reason-codes';
import { signerRelation } from './signer-relation';

export type EnrollmentCheck =
  | { ok: true; input: EnrollInput }
  | { ok: false; code: ScepReasonCode; failInfo: FailInfoName; reason: string; clientText: string };

export interface EnrollmentContext {
  messageType: 'PKCSReq' | 'RenewalReq';
  transactionId: string;
  csr: CsrSummary;
  signer: Certificate;
  ca: Certificate;
  minRsaBits: number;
  client: ScepClientInfo;
}

const reject = (code: ScepReasonCode, reason: string, clientText = 'request rejected'): EnrollmentCheck => ({ ok: false, code, failInfo: 'badRequest', reason, clientText });

export function checkEnrollment(ctx: EnrollmentContext): EnrollmentCheck {
  const { csr } = ctx;
  if (csr.keyType !== 'RSA' || csr.keyBits < ctx.minRsaBits) {
    const key = `${csr.keyType}-${csr.keyBits}`;
    return reject(
      'key-not-allowed',
      `key not allowed: ${key} (policy requires RSA with at least ${ctx.minRsaBits} bits; Apple profiles default to 1024 unless Keysize is set)`,
      'key not allowed',
    );
  }
  try {
    // Tessera writes the issued subject with its own encoder, so the CSR's subject must survive that.
    encodeDistinguishedName(csr.subject);
  } catch (e) {
    if (!(e instanceof NameError)) throw e;
    return reject('subject-not-encodable', `the CSR subject "${csr.subject}" cannot be issued: ${e.message}`);
  }
  const relation = signerRelation(ctx.signer, ctx.ca);
  if (ctx.messageType === 'RenewalReq' && relation !== 'issued-by-ca') {
    return reject(
      'renewal-signer-not-issued',
      relation === 'self-signed'
        ? 'RenewalReq signed by a self-signed certificate; renewal must be signed by a certificate this CA issued'
        : 'RenewalReq signer certificate was not issued by this CA',
    );
  }
  // A self-signed signer with a key other than the CSR's is accepted: macOS mdmclient signs with a throw-away
  // "MDM SCEP SIGNER" key, and the CSR's own signature already proves possession of the key being certified. The
  // one-time challenge is what authorises the request.
  return {
    ok: true,
    input: {
      transactionId: ctx.transactionId,
      messageType: ctx.messageType,
      csr,
      signerCertDer: ctx.signer.der,
      signerPublicKeySha256: createHash('sha256').update(ctx.signer.spkiDer).digest('hex'),
      renewalOfSerialHex: relation === 'issued-by-ca' ? ctx.signer.serialHex : null,
      client: ctx.client,
    },
  };
}
