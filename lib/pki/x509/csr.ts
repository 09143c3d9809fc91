/**
 * Parses and verifies a PKCS#10 CertificationRequest (RFC 2986 §4):
 *
 *   CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature BIT STRING }
 *   CertificationRequestInfo ::= SEQUENCE { version INTEGER, subject Name, subjectPKInfo, attributes [0] Attributes }
 *   Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET OF ANY }
 *
 * The signature is checked over the CertificationRequestInfo bytes exactly as received.
 */
import { createPublicKey, createHash, type KeyObject } from 'node:crypto';
import { describeKey, signatureAlgorithmName, signatureDigest, verifySignature } from '../algorithms';
import { childrenOf, isContext, parseBer, rawOf, readBitString, readOid, readSmallInteger, readString, UTag, type Asn1Node } from '../asn1';
import type { CsrSummary, SanEntry } from '../csr-types';
import { Asn1Error, CsrError, type CsrErrorCode } from '../errors';
import { OID } from '../oids';
import { decodeKeyUsage, decodeSubjectAltName, readExtensions } from './extensions';
import { formatName } from './name';

/** RFC 2986 says v1 (0). macOS's SCEP client has been seen sending 2 (its 2016 mdmclient capture in test/data). */
const ACCEPTED_VERSIONS = new Set([0, 2]);

/** The PKCS#9 DirectoryString choices (RFC 2985 §5.4.1) accepted for challengePassword, plus IA5String. */
const CHALLENGE_STRING_TAGS = new Set<number>([UTag.printableString, UTag.utf8String, UTag.ia5String, UTag.teletexString, UTag.bmpString, UTag.universalString]);

/** Runs a structural read, turning its Asn1Error into a CsrError (anything else is a bug and propagates). */
function guard<T>(code: CsrErrorCode, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof Asn1Error)) throw e;
    throw new CsrError(code, `${what}: ${e.message}`, { cause: e });
  }
}

function verifySelfSignature(info: Asn1Node, algOid: string, signature: Uint8Array, key: KeyObject): void {
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    throw new CsrError('unsupported-key', `unsupported public key type ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  const digest = signatureDigest(algOid, key);
  if (!digest || digest.name === 'MD5') {
    throw new CsrError('unsupported-algorithm', `unsupported signature algorithm ${signatureAlgorithmName(algOid)} for a ${key.asymmetricKeyType} key`);
  }
  if (!verifySignature(digest, key, rawOf(info), signature)) throw new CsrError('bad-signature', 'the CSR signature does not verify with its own public key');
}

function readChallengePassword(values: Asn1Node[]): string {
  if (values.length !== 1) throw new Asn1Error('malformed', 'challengePassword must have exactly one value');
  const value = values[0]!;
  if (value.cls !== 0 || !CHALLENGE_STRING_TAGS.has(value.tag)) throw new Asn1Error('malformed', `challengePassword has unsupported string type ${value.tag}`);
  return readString(value);
}

export function parseCsr(der: Uint8Array): CsrSummary {
  const input = Buffer.from(der); // own copy: the summary outlives the caller's buffer
  const parsed = guard('malformed', 'not a PKCS#10 request', () => {
    const [info, sigAlg, sigValue] = childrenOf(parseBer(input), 'CertificationRequest');
    const [versionNode, subject, spki, attributes, ...rest] = childrenOf(info, 'CertificationRequestInfo');
    if (rest.length) throw new Asn1Error('malformed', 'unexpected fields after attributes');
    childrenOf(subject, 'subject');
    childrenOf(spki, 'subjectPKInfo');
    // Attributes are mandatory in the ASN.1 but some encoders omit the empty [0]; tolerate that.
    if (attributes && !(isContext(attributes, 0) && attributes.constructed)) throw new Asn1Error('malformed', 'bad attributes field');
    const { unusedBits, bytes } = readBitString(sigValue);
    if (unusedBits !== 0) throw new Asn1Error('malformed', 'signature BIT STRING has unused bits');
    return {
      info: info!,
      version: readSmallInteger(versionNode),
      subject: subject!,
      spkiDer: rawOf(spki!),
      attributes: attributes?.children ?? [],
      sigAlgOid: readOid(childrenOf(sigAlg, 'signatureAlgorithm')[0]),
      signature: bytes,
    };
  });
  if (!ACCEPTED_VERSIONS.has(parsed.version)) throw new CsrError('unsupported-version', `unsupported CSR version ${parsed.version}`);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(parsed.spkiDer), format: 'der', type: 'spki' });
  } catch (e) {
    throw new CsrError('malformed', `unreadable public key: ${(e as Error).message}`, { cause: e });
  }
  verifySelfSignature(parsed.info, parsed.sigAlgOid, parsed.signature, publicKey);

  let challengePassword: string | null = null;
  const sans: SanEntry[] = [];
  const requestedKeyUsage = new Set<string>();
  for (const attribute of parsed.attributes) {
    guard('bad-attribute', 'malformed CSR attribute', () => {
      const [typeNode, valuesNode] = childrenOf(attribute, 'Attribute');
      const type = readOid(typeNode);
      const values = childrenOf(valuesNode, 'attribute values (SET)', UTag.set);
      if (type === OID.challengePassword) {
        if (challengePassword !== null) throw new Asn1Error('malformed', 'more than one challengePassword');
        challengePassword = readChallengePassword(values);
      } else if (type === OID.extensionRequest || type === OID.msExtensionRequest) {
        for (const ext of values.flatMap(readExtensions)) {
          if (ext.oid === OID.subjectAltName) sans.push(...decodeSubjectAltName(ext.value));
          else if (ext.oid === OID.keyUsage) decodeKeyUsage(ext.value).forEach((k) => requestedKeyUsage.add(k));
        }
      }
      // Other attributes (unstructuredName, Microsoft OS version, …) are ignored.
    });
  }
  const key = describeKey(publicKey);
  return {
    der: input,
    subject: guard('malformed', 'unreadable subject', () => formatName(parsed.subject)),
    subjectDer: rawOf(parsed.subject),
    sans,
    keyType: key.keyType,
    keyBits: key.keyBits,
    publicKeySpki: parsed.spkiDer,
    publicKeySha256: createHash('sha256').update(parsed.spkiDer).digest('hex'),
    challengePassword,
    requestedKeyUsage: [...requestedKeyUsage],
  };
}
