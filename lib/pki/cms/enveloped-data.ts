/**
 * EnvelopedData (RFC 5652 §6) with KeyTransRecipientInfo: parsing from BER, decryption for our certificate among
 * several recipients (micromdm's client encrypts to every GetCACert certificate), and encryption to recipients for
 * SCEP replies (RFC 8894 §3.2.2).
 */
import crypto, { type KeyObject } from 'node:crypto';
import { cipherByName, cipherByOid, RSA_ENCRYPTION, type ContentCipherName, type ContentCipherSpec } from '../algorithms';
import {
  childrenOf,
  contentOf,
  contextPrim,
  der,
  explicit,
  integer,
  integerContent,
  isContext,
  isUniversal,
  nullValue,
  octetString,
  oid,
  parseBer,
  raw,
  rawOf,
  readInteger,
  readOctetString,
  readOid,
  readSmallInteger,
  seq,
  set,
  UTag,
  type Asn1,
} from '../asn1';
import { Asn1Error, CmsError, type CmsErrorCode } from '../errors';
import { OID } from '../oids';
import { matchesIssuerAndSerial, type Certificate } from '../x509/certificate';
import { decryptContent, encryptContent } from './content-cipher';
import { unwrapKeyPkcs1, wrapKeyPkcs1 } from './key-transport';

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
    const [typeNode, content] = childrenOf(parseBer(input), 'ContentInfo');
    if (readOid(typeNode) !== OID.envelopedData) throw new Asn1Error('malformed', 'ContentInfo is not envelopedData');
    if (!isContext(content, 0)) throw new Asn1Error('malformed', 'missing ContentInfo content');
    const f = childrenOf(content.children[0], 'EnvelopedData');
    readSmallInteger(f[0]);
    const i = isContext(f[1], 0) ? 2 : 1; // originatorInfo
    const recipients: KeyTransRecipient[] = [];
    for (const ri of childrenOf(f[i], 'recipientInfos', UTag.set)) {
      if (!isUniversal(ri, UTag.sequence)) continue; // kari/kekri/pwri/ori are tagged [1]..[4]
      const [, rid, alg, key] = childrenOf(ri, 'KeyTransRecipientInfo');
      const ias = isContext(rid, 0) ? null : childrenOf(rid, 'IssuerAndSerialNumber');
      recipients.push({
        issuerDer: ias?.[0] ? rawOf(ias[0]) : null,
        serial: ias ? readInteger(ias[1]) : null,
        keyEncryptionOid: readOid(childrenOf(alg, 'keyEncryptionAlgorithm')[0]),
        encryptedKey: readOctetString(key),
      });
    }
    const [ctNode, algNode, encNode] = childrenOf(f[i + 1], 'EncryptedContentInfo');
    const [algOid, params] = childrenOf(algNode, 'contentEncryptionAlgorithm');
    if (!isContext(encNode, 0)) throw new Asn1Error('malformed', 'encryptedContent absent');
    return {
      recipients,
      contentType: readOid(ctNode),
      contentEncryptionOid: readOid(algOid),
      iv: isUniversal(params, UTag.octetString) ? contentOf(params) : null,
      // [0] IMPLICIT OCTET STRING: primitive in DER, constructed segments in BER; EXPLICIT (a known encoder bug)
      // also ends up here because contentOf concatenates the primitive leaves.
      encryptedContent: contentOf(encNode),
    };
  } catch (e) {
    if (!(e instanceof Asn1Error)) throw e;
    throw new CmsError('malformed', `not a CMS EnvelopedData: ${e.message}`, { cause: e });
  }
}

export type DecryptResult =
  | { ok: true; plaintext: Buffer; cipher: ContentCipherSpec }
  | { ok: false; code: CmsErrorCode; detail: string; cipher: ContentCipherSpec | null };

export function decryptEnvelopedData(
  env: ParsedEnvelopedData,
  recipient: { certificate: Certificate; privateKey: KeyObject },
  opts: { allowLegacy: boolean },
): DecryptResult {
  const cipher = cipherByOid(env.contentEncryptionOid);
  const no = (code: CmsErrorCode, detail: string): DecryptResult => ({ ok: false, code, detail, cipher });
  const ri = env.recipients.find((r) => r.issuerDer && r.serial && matchesIssuerAndSerial(recipient.certificate, r.issuerDer, r.serial));
  if (!ri) return no('no-recipient', `none of the ${env.recipients.length} RecipientInfos is for our certificate`);
  if (ri.keyEncryptionOid !== RSA_ENCRYPTION) return no('unsupported-algorithm', `unsupported key transport ${ri.keyEncryptionOid}`);
  if (!cipher) return no('unsupported-algorithm', `unsupported content cipher ${env.contentEncryptionOid}`);
  if (cipher.legacy && !opts.allowLegacy) return no('legacy-algorithm', `content cipher ${cipher.name} (${cipher.oid})`);
  // From here on every failure looks the same (implicit rejection, see key-transport.ts).
  const cek = unwrapKeyPkcs1(recipient.privateKey, ri.encryptedKey, cipher.keyLength);
  const plaintext = env.iv ? decryptContent(cipher, cek, env.iv, env.encryptedContent) : null;
  return plaintext ? { ok: true, plaintext, cipher } : no('decrypt-failed', 'could not decrypt the content');
}

/**
 * ContentInfo(EnvelopedData) v0 with one KeyTransRecipientInfo v0 (issuerAndSerialNumber, rsaEncryption) per
 * recipient, a fresh key and IV, and encryptedContent as [0] IMPLICIT primitive OCTET STRING.
 */
export function envelopedDataTree(opts: { content: Uint8Array; recipients: Certificate[]; cipher: ContentCipherName }): Asn1 {
  const spec = cipherByName(opts.cipher);
  const cek = crypto.randomBytes(spec.keyLength);
  const iv = crypto.randomBytes(spec.ivLength);
  const recipientInfos = opts.recipients.map((r) =>
    seq(integer(0), seq(raw(r.issuerDer), integerContent(r.serial)), seq(oid(RSA_ENCRYPTION), nullValue()), octetString(wrapKeyPkcs1(r.publicKey, cek))),
  );
  const encrypted = seq(oid(OID.data), seq(oid(spec.oid), octetString(iv)), contextPrim(0, encryptContent(spec, cek, iv, opts.content)));
  return seq(oid(OID.envelopedData), explicit(0, seq(integer(0), set(...recipientInfos), encrypted)));
}

export const buildEnvelopedData = (opts: Parameters<typeof envelopedDataTree>[0]): Uint8Array => der(envelopedDataTree(opts));
