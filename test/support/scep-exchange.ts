/**
 * One PKIOperation through Tessera's SCEP endpoint (lib/http/scep-endpoint, the route handlers' code), as a client
 * sends it: any PKCS#10 in a pkiMessage signed by the given identity, the reply verified and decrypted.
 */
import type { KeyObject } from 'node:crypto';
import { scepEndpoint } from '../../lib/http/scep-endpoint';
import { buildClientRequest, parseCertRepForClient, type ClientCertRep } from '../support/scep/client';
import { createClientIdentity } from '../support/scep/identities';

export interface ScepSigner {
  certificateDer: Uint8Array;
  privateKey: KeyObject;
}

/** The throw-away self-signed certificate a device signs its first PKCSReq with (RFC 8894 §2.3). */
export const selfSigned = (privateKey: KeyObject): ScepSigner => {
  const { certificateDer } = createClientIdentity({ privateKey });
  return { certificateDer, privateKey };
};

export interface Exchange {
  status: number;
  /** null when the answer was not a CertRep (HTTP error). */
  rep: ClientCertRep | null;
  transactionId: string;
  body: string;
}

export async function scepExchange(opts: {
  caDer: Uint8Array;
  csrDer: Uint8Array;
  signer: ScepSigner;
  messageType?: 'PKCSReq' | 'RenewalReq';
  transactionId?: string;
  userAgent?: string;
}): Promise<Exchange> {
  const transactionId = opts.transactionId ?? `TX-${Math.random().toString(36).slice(2)}`;
  const message = buildClientRequest({
    messageType: opts.messageType ?? 'PKCSReq',
    transactionId,
    signer: opts.signer,
    recipients: [opts.caDer],
    messageData: opts.csrDer,
  });
  const res = await scepEndpoint(
    new Request('http://127.0.0.1/scep?operation=PKIOperation', { method: 'POST', body: Buffer.from(message), headers: { 'user-agent': opts.userAgent ?? 'vitest' } }),
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.headers.get('content-type') !== 'application/x-pki-message') return { status: res.status, rep: null, transactionId, body: Buffer.from(bytes).toString('utf8') };
  return { status: res.status, rep: parseCertRepForClient(bytes, { caCertificateDer: opts.caDer, recipient: opts.signer }), transactionId, body: '' };
}
