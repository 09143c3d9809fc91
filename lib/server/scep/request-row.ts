import { blankChallengePassword } from '../../pki/x509/blank-challenge-password';
import type { EnrollInput } from '../../scep/backend';
import type { Identity } from './identity/identity';

/** The ScepRequest columns every PKCSReq/RenewalReq stores: what was asked, what is issued, never the challenge. */
export function newRequestData(input: EnrollInput, caId: string, identity: Identity, now: Date) {
  return {
    caId,
    transactionId: input.transactionId,
    messageType: input.messageType,
    csrDer: input.csr.challengePassword === null ? Buffer.from(input.csr.der) : blankChallengePassword(input.csr.der),
    subject: input.csr.subject,
    sans: input.csr.sans as unknown as object,
    identity: identity as unknown as object,
    keyType: input.csr.keyType,
    keyBits: input.csr.keyBits,
    publicKeySha256: input.csr.publicKeySha256,
    publicKeySpki: Buffer.from(input.csr.publicKeySpki),
    signerCertDer: Buffer.from(input.signerCertDer),
    renewalOfSerial: input.renewalOfSerialHex,
    clientAddress: input.client.address,
    userAgent: input.client.userAgent,
    createdAt: now,
  };
}
