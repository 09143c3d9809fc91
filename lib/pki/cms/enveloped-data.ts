/**
 * EnvelopedData (RFC 5652 §6) with KeyTransRecipientInfo: parsing from BER, decryption for our own certificate
 * among several recipients (micromdm's client encrypts to every GetCACert certificate), and encryption to one
 * recipient for SCEP replies (RFC 8894 §3.2.2).
 */
import crypto from 'node:crypto';
import { cipherByName, cipherByOid, OID, type ContentCipherName, type ContentCipherSpec } from './algorithms';
import {
  BerError,
  expectSequence,
  expectUniversal,
  isContext,
  isUniversal,
  parseBer,
  rawOf,
  readIntegerBytes,
  readOid,
  readSmallInteger,
  UTag,
  valueOf,
} from './ber';
import { algorithmIdentifier, encode, explicit, implicitOctets, integer, octetString, oid, seq, setOf, type EncodeOptions } from './der';
import { issuerAndSerialNumber, matchesIssuerAndSerial, type CertificateRef } from './certificate-ref';
import { CmsError, type CmsErrorCode } from './errors';
import { unwrapKeyPkcs1, wrapKeyPkcs1 } from './rsa-key-transport';
import { decryptContent, encryptContent } from './content-cipher';

export interface KeyTransRecipient {
  /** null for the subjectKeyIdentifier form, which Tessera's certificates are never addressed by. */
  issuerDer: Uint8Array | null;
  serial: Uint8Array | null;
  keyEncryptionOid: string;
  encryptedKey: Uint8Array;
}

export interface ParsedEnvelopedData {
  recipients: KeyTransRecipient[];
  contentType: string;
  contentEncryptionOid: string;
  /** The AlgorithmIdentifier parameters' value when it is an OCTET STRING (the CBC IV), else null. */
  iv: Uint8Array | null;
  encryptedContent: Uint8Array;
}

/** Reads a ContentInfo of type envelopedData. Throws CmsError('malformed'). */
export function parseEnvelopedData(input: Uint8Array): ParsedEnvelopedData {
  try {
    const buf = input;
    const [typeNode, contentNode] = expectSequence(parseBer(buf), 'ContentInfo');
    if (readOid(buf, typeNode) !== OID.envelopedData) throw new BerError('ContentInfo is not envelopedData');
    if (!isContext(contentNode, 0)) throw new BerError('missing ContentInfo content');
    const f = expectSequence(contentNode.children[0], 'EnvelopedData');
    readSmallInteger(buf, f[0]);
    let i = 1;
    if (isContext(f[i], 0)) i++; // originatorInfo
    const recipientSet = expectUniversal(f[i++], UTag.set, 'recipientInfos');
    const recipients: KeyTransRecipient[] = [];
    for (const ri of recipientSet.children) {
      if (!isUniversal(ri, UTag.sequence)) continue; // kari/kekri/pwri/ori are tagged [1]..[4]
      const [, rid, alg, key] = expectSequence(ri, 'KeyTransRecipientInfo');
      const bySki = isContext(rid, 0);
      const ias = bySki ? [] : expectSequence(rid, 'IssuerAndSerialNumber');
      recipients.push({
        issuerDer: bySki || !ias[0] ? null : rawOf(buf, ias[0]),
        serial: bySki ? null : readIntegerBytes(buf, ias[1]),
        keyEncryptionOid: readOid(buf, expectSequence(alg, 'keyEncryptionAlgorithm')[0]),
        encryptedKey: valueOf(buf, expectUniversal(key, UTag.octetString, 'encryptedKey')),
      });
    }
    const [ctNode, algNode, encNode] = expectSequence(f[i], 'EncryptedContentInfo');
    const [algOid, params] = expectSequence(algNode, 'contentEncryptionAlgorithm');
    if (!isContext(encNode, 0)) throw new BerError('encryptedContent absent');
    return {
      recipients,
      contentType: readOid(buf, ctNode),
      contentEncryptionOid: readOid(buf, algOid),
      iv: isUniversal(params, UTag.octetString) ? valueOf(buf, params) : null,
      // [0] IMPLICIT OCTET STRING: primitive in DER, constructed segments in BER; EXPLICIT (a known encoder bug)
      // also ends up here because valueOf concatenates the primitive leaves.
      encryptedContent: valueOf(buf, encNode),
    };
  } catch (e) {
    if (e instanceof CmsError) throw e;
    throw new CmsError('malformed', `not a CMS EnvelopedData: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export type DecryptResult =
  | { ok: true; plaintext: Buffer; cipher: ContentCipherSpec }
  | { ok: false; code: CmsErrorCode; detail: string; cipher: ContentCipherSpec | null };

/** Which content cipher the envelope uses, known before any private-key operation. */
export function envelopeCipher(env: ParsedEnvelopedData): ContentCipherSpec | null {
  return cipherByOid(env.contentEncryptionOid);
}

export function decryptEnvelopedData(
  env: ParsedEnvelopedData,
  recipient: { certificate: CertificateRef; privateKey: crypto.KeyObject },
  opts: { allowLegacy: boolean },
): DecryptResult {
  const cipher = envelopeCipher(env);
  const ri = env.recipients.find(
    (r) => r.issuerDer && r.serial && matchesIssuerAndSerial(recipient.certificate, r.issuerDer, r.serial),
  );
  if (!ri) {
    return { ok: false, code: 'no-recipient', detail: `none of the ${env.recipients.length} RecipientInfos is for our certificate`, cipher };
  }
  if (ri.keyEncryptionOid !== OID.rsaEncryption) {
    return { ok: false, code: 'unsupported-algorithm', detail: `unsupported key transport ${ri.keyEncryptionOid}`, cipher };
  }
  if (!cipher) {
    return { ok: false, code: 'unsupported-algorithm', detail: `unsupported content cipher ${env.contentEncryptionOid}`, cipher };
  }
  if (cipher.legacy && !opts.allowLegacy) {
    return { ok: false, code: 'legacy-algorithm', detail: `content cipher ${cipher.name} (${cipher.oid})`, cipher };
  }
  // From here on every failure looks the same (RFC 8894 §9.3-style implicit rejection, see rsa-key-transport.ts).
  const cek = unwrapKeyPkcs1(recipient.privateKey, ri.encryptedKey, cipher.keyLength);
  const plaintext = env.iv ? decryptContent(cipher, cek, env.iv, env.encryptedContent) : null;
  if (!plaintext) return { ok: false, code: 'decrypt-failed', detail: 'could not decrypt the content', cipher };
  return { ok: true, plaintext, cipher };
}

export interface EnvelopeOptions {
  content: Uint8Array;
  recipients: CertificateRef[];
  cipher: ContentCipherName;
}

/**
 * ContentInfo(EnvelopedData) v0 with one KeyTransRecipientInfo v0 (issuerAndSerialNumber, rsaEncryption) per
 * recipient, a fresh key and IV, and encryptedContent as [0] IMPLICIT primitive OCTET STRING in DER.
 */
export function buildEnvelopedData(opts: EnvelopeOptions, form?: EncodeOptions): Uint8Array {
  const spec = cipherByName(opts.cipher);
  const cek = crypto.randomBytes(spec.keyLength);
  const iv = crypto.randomBytes(spec.ivLength);
  const recipientInfos = opts.recipients.map((r) =>
    seq(integer(0), issuerAndSerialNumber(r), algorithmIdentifier(OID.rsaEncryption, null), octetString(wrapKeyPkcs1(r.publicKey, cek))),
  );
  const encryptedContentInfo = seq(
    oid(OID.data),
    algorithmIdentifier(spec.oid, octetString(iv)),
    implicitOctets(0, encryptContent(spec, cek, iv, opts.content)),
  );
  const envelopedData = seq(integer(0), setOf(recipientInfos), encryptedContentInfo);
  return encode(seq(oid(OID.envelopedData), explicit(0, envelopedData)), form);
}
