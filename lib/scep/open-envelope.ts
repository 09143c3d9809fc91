/**
 * pkcsPKIEnvelope decryption (RFC 8894 §3.2.2) and the messageData inside it (§3.3.1 PKCS#10, §3.3.3
 * IssuerAndSubject, §3.3.4 IssuerAndSerialNumber).
 *
 * From the RSA unwrap until the messageData is parsed and, for a CSR, its signature checked, every failure gets one
 * answer — same failInfo, same failInfoText, same length — because telling "bad CBC padding" from "decrypts but is
 * not a CSR" would let an attacker decrypt a captured request (and its challenge) one byte at a time. The cause is
 * written to the SCEP log only, which admins alone can read.
 */
import { cipherByOid, type ContentCipherSpec } from '../pki/algorithms';
import { childrenOf, parseBer, rawOf, readInteger } from '../pki/asn1';
import { decryptEnvelopedData, parseEnvelopedData, type ParsedEnvelopedData } from '../pki/cms';
import { Asn1Error, CmsError, CsrError } from '../pki/errors';
import { parseCsr, type Certificate, type CsrSummary } from '../pki/x509';
import type { KeyObject } from 'node:crypto';
import type { FailInfoName } from './backend';
import type { MessageTypeName } from './constants';
import type { ScepReasonCode } from './reason-codes';

/** The failInfoText of every refusal inside the decryption window. */
export const UNREADABLE = 'the request could not be decrypted or read';

export interface EnvelopeFailure {
  ok: false;
  code: ScepReasonCode;
  failInfo: FailInfoName;
  reason: string;
  clientText: string;
  cipher: ContentCipherSpec | null;
}

export type MessageData =
  | { kind: 'csr'; csr: CsrSummary }
  | { kind: 'issuer-and-subject' }
  | { kind: 'issuer-and-serial'; issuerDer: Uint8Array; serialHex: string };

const unreadable = (detail: string, cipher: ContentCipherSpec | null = null): EnvelopeFailure => ({
  ok: false,
  code: 'undecryptable',
  failInfo: 'badRequest',
  reason: `${UNREADABLE}: ${detail}`,
  clientText: UNREADABLE,
  cipher,
});

function readMessageData(type: MessageTypeName, plaintext: Uint8Array): MessageData {
  if (type === 'PKCSReq' || type === 'RenewalReq') return { kind: 'csr', csr: parseCsr(plaintext) };
  const [first, second] = childrenOf(parseBer(plaintext), type === 'CertPoll' ? 'IssuerAndSubject' : 'IssuerAndSerialNumber');
  childrenOf(first, 'issuer');
  if (type === 'CertPoll') return { kind: 'issuer-and-subject' };
  return { kind: 'issuer-and-serial', issuerDer: rawOf(first!), serialHex: Buffer.from(readInteger(second)).toString('hex') };
}

/** Decrypts the envelope for our certificate and reads the messageData of a `type` request. */
export function openPkiEnvelope(
  eContent: Uint8Array | null,
  type: MessageTypeName,
  ca: { certificate: Certificate; privateKey: KeyObject },
  opts: { legacy: boolean },
): { ok: true; data: MessageData; cipher: ContentCipherSpec } | EnvelopeFailure {
  if (!eContent || eContent.length === 0) return unreadable('the request carries no pkcsPKIEnvelope');
  let env: ParsedEnvelopedData;
  try {
    env = parseEnvelopedData(eContent);
  } catch (e) {
    if (!(e instanceof CmsError)) throw e;
    return unreadable(e.message);
  }
  const result = decryptEnvelopedData(env, ca, { allowLegacy: opts.legacy });
  const cipher = cipherByOid(env.contentEncryptionOid);
  if (!result.ok) {
    switch (result.code) {
      case 'no-recipient':
        return { ...unreadable(`it is not encrypted to this CA's certificate (${result.detail})`, cipher), code: 'not-for-this-ca' };
      case 'legacy-algorithm':
        return { ok: false, code: 'legacy-algorithm', failInfo: 'badAlg', reason: `request used single DES (${result.detail}); enable the legacy-cipher setting to accept it`, clientText: 'unsupported algorithm', cipher };
      case 'unsupported-algorithm':
        return { ok: false, code: 'unsupported-algorithm', failInfo: 'badAlg', reason: `request used an ${result.detail}`, clientText: 'unsupported algorithm', cipher };
      default:
        return unreadable('the content did not decrypt (wrong key or padding)', cipher);
    }
  }
  try {
    return { ok: true, data: readMessageData(type, result.plaintext), cipher: result.cipher };
  } catch (e) {
    if (e instanceof CsrError) return unreadable(`the decrypted content is not a valid PKCS#10 request (${e.code}: ${e.message})`, cipher);
    if (e instanceof Asn1Error) return unreadable(`the decrypted content is not a ${type} messageData (${e.message})`, cipher);
    throw e;
  }
}
