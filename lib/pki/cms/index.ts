/** CMS (RFC 5652) for SCEP and profile signing: SignedData and EnvelopedData, read from BER, written as DER. */
export { attribute, buildCertsOnlySignedData, buildSignedData, signedDataTree, type CmsSigner, type SignedDataOptions } from './build-signed-data';
export { buildEnvelopedData, decryptEnvelopedData, envelopedDataTree, parseEnvelopedData, type DecryptResult, type KeyTransRecipient, type ParsedEnvelopedData } from './enveloped-data';
export {
  findAttribute,
  parseSignedData,
  signedAttributeEncodings,
  verifySignerInfo,
  type Attribute,
  type ParsedSignedData,
  type ParsedSignerInfo,
  type SignatureCheck,
  type SignatureCheckFailure,
  type SignerIdentifier,
} from './signed-data';
