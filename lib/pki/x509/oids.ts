/** Object identifiers used by lib/pki/x509, named as in the RFC that defines them. */
export const OID = {
  // RFC 8017 Appendix C / RFC 4055
  rsaEncryption: '1.2.840.113549.1.1.1',
  md5WithRSAEncryption: '1.2.840.113549.1.1.4',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  // RFC 5480 / RFC 5758
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA1: '1.2.840.10045.4.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
  // RFC 8410
  ed25519: '1.3.101.112',
  // RFC 2985 (PKCS#9) attributes
  emailAddress: '1.2.840.113549.1.9.1',
  challengePassword: '1.2.840.113549.1.9.7',
  extensionRequest: '1.2.840.113549.1.9.14',
  // Microsoft's pre-standard extensionRequest, still sent by some Windows-era clients
  msExtensionRequest: '1.3.6.1.4.1.311.2.1.14',
  // RFC 5280 §4.2.1 certificate extensions
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  // RFC 5280 §4.2.1.12 key purposes
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
  // Microsoft UPN otherName (user principal name), used for EAS / AD certificate mapping
  msUpn: '1.3.6.1.4.1.311.20.2.3',
} as const;

/** Names of signature algorithm OIDs, as openssl prints them. */
export const SIGNATURE_ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  [OID.md5WithRSAEncryption]: 'md5WithRSAEncryption',
  [OID.sha1WithRSAEncryption]: 'sha1WithRSAEncryption',
  [OID.sha256WithRSAEncryption]: 'sha256WithRSAEncryption',
  [OID.sha384WithRSAEncryption]: 'sha384WithRSAEncryption',
  [OID.sha512WithRSAEncryption]: 'sha512WithRSAEncryption',
  [OID.rsassaPss]: 'rsassaPss',
  [OID.ecdsaWithSHA1]: 'ecdsa-with-SHA1',
  [OID.ecdsaWithSHA256]: 'ecdsa-with-SHA256',
  [OID.ecdsaWithSHA384]: 'ecdsa-with-SHA384',
  [OID.ecdsaWithSHA512]: 'ecdsa-with-SHA512',
  [OID.ed25519]: 'ED25519',
};

/** Node digest name for the PKCS#1 v1.5 RSA signature OIDs we verify. */
export const RSA_SIGNATURE_DIGESTS: Readonly<Record<string, string>> = {
  [OID.sha1WithRSAEncryption]: 'sha1',
  [OID.sha256WithRSAEncryption]: 'sha256',
  [OID.sha384WithRSAEncryption]: 'sha384',
  [OID.sha512WithRSAEncryption]: 'sha512',
};

/** Node digest name for ECDSA signature OIDs (certificate-chain checks only). */
export const ECDSA_SIGNATURE_DIGESTS: Readonly<Record<string, string>> = {
  [OID.ecdsaWithSHA1]: 'sha1',
  [OID.ecdsaWithSHA256]: 'sha256',
  [OID.ecdsaWithSHA384]: 'sha384',
  [OID.ecdsaWithSHA512]: 'sha512',
};

export const EKU_NAMES: Readonly<Record<string, string>> = {
  [OID.serverAuth]: 'serverAuth',
  [OID.clientAuth]: 'clientAuth',
  [OID.codeSigning]: 'codeSigning',
  [OID.emailProtection]: 'emailProtection',
  [OID.timeStamping]: 'timeStamping',
  [OID.ocspSigning]: 'OCSPSigning',
  [OID.anyExtendedKeyUsage]: 'anyExtendedKeyUsage',
};
