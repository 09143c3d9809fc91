/** CMS (RFC 5652) for SCEP: BER-tolerant parsing, hand-rolled verification, EnvelopedData, DER SignedData. */
export { OID, HASHES, CONTENT_CIPHERS, hashByName, hashByOid, cipherByName, cipherByOid } from './algorithms';
export type { HashName, HashSpec, ContentCipherName, ContentCipherSpec } from './algorithms';
export { CmsError, type CmsErrorCode } from './errors';
export { readCertificateRef, issuerAndSerialNumber, matchesIssuerAndSerial, serialToHex, sameBytes, sha256Hex } from './certificate-ref';
export type { CertificateRef } from './certificate-ref';
export { parseSignedData, findAttribute } from './signed-data';
export type { Attribute, AttributeValue, ParsedSignedData, ParsedSignerInfo, SignerIdentifier } from './signed-data';
export { verifySignerInfo, signerDigest, type SignatureCheck, type SignatureCheckFailure } from './verify-signed-data';
export { attribute, buildSignedData, buildCertsOnlySignedData, signedDataTree } from './build-signed-data';
export type { CmsSigner, SignedDataOptions } from './build-signed-data';
export { parseEnvelopedData, decryptEnvelopedData, buildEnvelopedData, envelopeCipher } from './enveloped-data';
export type { ParsedEnvelopedData, KeyTransRecipient, DecryptResult, EnvelopeOptions } from './enveloped-data';
export * as asn1 from './der';
export { parseBer, toDer, BerError, UTag, valueOf, rawOf, readOid, readIntegerBytes, expectSequence, isContext, isUniversal } from './ber';
export type { BerNode } from './ber';
