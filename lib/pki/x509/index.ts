/** Public API of lib/pki/x509: X.509 certificates and PKCS#10 requests, bytes in / bytes out. */
export { createCaCertificate, type CreateCaOptions, type CreatedCa } from './create-ca';
export {
  parseDistinguishedName,
  encodeDistinguishedName,
  encodeName,
  formatName,
  DistinguishedNameError,
  type NameAttribute,
  type Rdn,
} from './distinguished-name';
export { describeCertificate, type CertificateInfo } from './certificate-info';
export { parseCertificate, CertificateParseError, type ParsedCertificate } from './parse-certificate';
export { pemToDer, derToPem, pemBlocks, PemError, type PemBlock } from './pem';
export { sha256Hex, sha1Hex, colonHex } from './fingerprints';
export { parseCsr } from './parse-csr';
export { CsrError, type CsrErrorCode } from './csr-error';
export { issueCertificate, IssueError, type IssueCertificateOptions, type IssuedCertificate } from './issue-certificate';
export { filterSans, type SanPolicy, type SanFilterResult } from './filter-sans';
export { verifyIssuedBy } from './verify-issued-by';
export {
  importIdentity,
  ImportIdentityError,
  type ImportIdentityInput,
  type ImportedIdentity,
  type ImportIdentityErrorCode,
} from './import-identity';
export { issueProfileSigner, type IssueProfileSignerOptions, type ProfileSigner } from './issue-profile-signer';
export { appleTrustChecks, type TrustCheck, type TrustCheckKind, type TrustCheckStatus } from './apple-trust-checks';
export { keyIdentifierFromSpki, spkiOfKey } from './key-identifier';
export { randomSerialNumber } from './serial-number';
export type { CsrSummary, SanEntry } from '../csr-types';
