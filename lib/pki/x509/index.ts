/** X.509 certificates, names and PKCS#10 requests (RFC 5280, RFC 4514, RFC 2986): bytes in, parsed shapes out. */
export { appleTrustChecks, type TrustCheck, type TrustCheckKind, type TrustCheckStatus } from './apple-trust-checks';
export { matchesIssuerAndSerial, parseCertificate, type Certificate } from './certificate';
export { describeCertificate, type CertificateInfo } from './certificate-info';
export { createCaCertificate, type CreateCaOptions, type CreatedCa } from './create-ca';
export { parseCsr } from './csr';
export { type Extension, type KeyUsageName } from './extensions';
export { filterSans, type SanFilterResult, type SanPolicy } from './filter-sans';
export { colonHex } from './fingerprints';
export { importIdentity, ImportIdentityError, type ImportedIdentity, type ImportIdentityErrorCode, type ImportIdentityInput } from './import-identity';
export { isIssuedBy, isSelfSigned } from './issued-by';
export { CLOCK_SKEW_MS, issueCertificate, ROLE_USAGES, spkiOfKey, type CertificateRole, type IssuedCertificate, type Issuer, type IssueRequest } from './issue';
export { encodeDistinguishedName, encodeName, formatName, parseDistinguishedName, type NameAttribute, type Rdn } from './name';
export { derToPem, pemBlocks, pemToDer, type PemBlock } from './pem';
export { issueProfileSigner, type ProfileSignerIdentity } from './profile-signer';
export type { CsrSummary, SanEntry } from '../csr-types';
