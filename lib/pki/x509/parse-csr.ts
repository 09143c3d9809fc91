/**
 * Parses and verifies a PKCS#10 CertificationRequest (RFC 2986 §4):
 *
 *   CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature BIT STRING }
 *   CertificationRequestInfo ::= SEQUENCE { version INTEGER, subject Name, subjectPKInfo, attributes [0] Attributes }
 *   Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET OF ANY }
 *
 * The signature is checked over the CertificationRequestInfo bytes exactly as received.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { CsrSummary, SanEntry } from '../csr-types';
import { CsrError } from './csr-error';
import {
  childrenOf,
  DerError,
  isContext,
  readBitString,
  readDer,
  readOid,
  readSmallInteger,
  readString,
  sequenceChildren,
  Tag,
  isUniversal,
  type DerNode,
} from './der-reader';
import { formatName } from './distinguished-name';
import { decodeKeyUsage, decodeSubjectAltName, readExtensions } from './extensions';
import { sha256Hex } from './fingerprints';
import { describePublicKey } from './key-identifier';
import { ECDSA_SIGNATURE_DIGESTS, OID, RSA_SIGNATURE_DIGESTS, SIGNATURE_ALGORITHM_NAMES } from './oids';

/** RFC 2986 says v1 (0). macOS's SCEP client has been seen sending 2 (lib/scep/testdata/macos-mdmclient-2016). */
const ACCEPTED_VERSIONS = new Set([0, 2]);

/** PKCS#9 DirectoryString choices accepted for challengePassword (checklist §4 step 8). */
const CHALLENGE_STRING_TAGS = new Set<number>([
  Tag.printableString,
  Tag.utf8String,
  Tag.ia5String,
  Tag.teletexString,
  Tag.bmpString,
  Tag.universalString,
]);

function wrap<T>(code: 'malformed' | 'bad-attribute', what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CsrError) throw e;
    throw new CsrError(code, `${what}: ${(e as Error).message}`, { cause: e });
  }
}

function verifySignature(infoDer: Buffer, algOid: string, signature: Buffer, publicKey: KeyObject): void {
  let digest: string | undefined;
  if (publicKey.asymmetricKeyType === 'rsa') digest = RSA_SIGNATURE_DIGESTS[algOid];
  else if (publicKey.asymmetricKeyType === 'ec') digest = ECDSA_SIGNATURE_DIGESTS[algOid];
  else throw new CsrError('unsupported-key', `unsupported public key type ${publicKey.asymmetricKeyType ?? 'unknown'}`);
  if (!digest) {
    const name = SIGNATURE_ALGORITHM_NAMES[algOid] ?? algOid;
    throw new CsrError('unsupported-algorithm', `unsupported signature algorithm ${name} for a ${publicKey.asymmetricKeyType} key`);
  }
  let ok = false;
  try {
    // RSA: RSASSA-PKCS1-v1_5 (Node's default for RSA keys). EC: DER-encoded ECDSA-Sig-Value.
    ok = verify(digest, infoDer, publicKey, signature);
  } catch {
    ok = false;
  }
  if (!ok) throw new CsrError('bad-signature', 'the CSR signature does not verify with its own public key');
}

function readChallengePassword(values: DerNode[]): string {
  if (values.length !== 1) throw new DerError('challengePassword must have exactly one value');
  const [value] = values;
  if (value.tagClass !== 0 || !CHALLENGE_STRING_TAGS.has(value.tagNumber)) {
    throw new DerError(`challengePassword has unsupported string type ${value.tagNumber}`);
  }
  return readString(value);
}

export function parseCsr(der: Uint8Array): CsrSummary {
  const input = Buffer.from(der); // own copy: the summary outlives the caller's buffer
  const parsed = wrap('malformed', 'not a PKCS#10 request', () => {
    const [info, sigAlg, sigValue] = sequenceChildren(readDer(input), 'CertificationRequest');
    const [versionNode, subject, spki, attributes, ...rest] = sequenceChildren(info, 'CertificationRequestInfo');
    if (rest.length) throw new DerError('unexpected fields after attributes');
    sequenceChildren(subject, 'subject');
    sequenceChildren(spki, 'subjectPKInfo');
    // Attributes are mandatory in the ASN.1 but some encoders omit the empty [0]; tolerate that.
    if (attributes && !(isContext(attributes, 0) && attributes.constructed)) throw new DerError('bad attributes field');
    const { unusedBits, bytes } = readBitString(sigValue);
    if (unusedBits !== 0) throw new DerError('signature BIT STRING has unused bits');
    return {
      info,
      version: readSmallInteger(versionNode),
      subject,
      spki,
      attributes: attributes ? childrenOf(attributes) : [],
      sigAlgOid: readOid(sequenceChildren(sigAlg, 'signatureAlgorithm')[0]),
      signature: bytes,
    };
  });

  if (!ACCEPTED_VERSIONS.has(parsed.version)) {
    throw new CsrError('unsupported-version', `unsupported CSR version ${parsed.version}`);
  }
  const publicKey = wrap('malformed', 'unreadable public key', () =>
    createPublicKey({ key: parsed.spki.raw, format: 'der', type: 'spki' }),
  );
  verifySignature(parsed.info.raw, parsed.sigAlgOid, parsed.signature, publicKey);

  let challengePassword: string | null = null;
  const sans: SanEntry[] = [];
  const requestedKeyUsage = new Set<string>();
  for (const attribute of parsed.attributes) {
    wrap('bad-attribute', 'malformed CSR attribute', () => {
      const [typeNode, valuesNode] = sequenceChildren(attribute, 'Attribute');
      const type = readOid(typeNode);
      if (!valuesNode || !isUniversal(valuesNode, Tag.set)) throw new DerError('attribute values must be a SET');
      const values = childrenOf(valuesNode);
      if (type === OID.challengePassword) {
        if (challengePassword !== null) throw new DerError('more than one challengePassword');
        challengePassword = readChallengePassword(values);
      } else if (type === OID.extensionRequest || type === OID.msExtensionRequest) {
        for (const extensions of values) {
          for (const ext of readExtensions(extensions)) {
            if (ext.oid === OID.subjectAltName) sans.push(...decodeSubjectAltName(ext.value));
            else if (ext.oid === OID.keyUsage) decodeKeyUsage(ext.value).forEach((k) => requestedKeyUsage.add(k));
          }
        }
      }
      // Other attributes (unstructuredName, Microsoft OS version, …) are ignored.
    });
  }

  const spkiDer = Buffer.from(parsed.spki.raw);
  const key = describePublicKey(spkiDer);
  return {
    der: input,
    subject: wrap('malformed', 'unreadable subject', () => formatName(parsed.subject.raw)),
    subjectDer: Buffer.from(parsed.subject.raw),
    sans,
    keyType: key.keyType,
    keyBits: key.keyBits,
    publicKeySpki: spkiDer,
    publicKeySha256: sha256Hex(spkiDer),
    challengePassword,
    requestedKeyUsage: [...requestedKeyUsage],
  };
}
