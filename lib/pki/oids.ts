/** Object identifiers other than algorithms (those live in algorithms.ts), named as in the RFC that defines them. */
export const OID = {
  // RFC 5652 §4–§6, §11 content types and attributes
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  // RFC 2985 (PKCS#9)
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
  // Microsoft UPN otherName (user principal name), used for Exchange / AD certificate mapping
  msUpn: '1.3.6.1.4.1.311.20.2.3',
} as const;

export const EKU_NAMES: Readonly<Record<string, string>> = {
  [OID.serverAuth]: 'serverAuth',
  [OID.clientAuth]: 'clientAuth',
  [OID.codeSigning]: 'codeSigning',
  [OID.emailProtection]: 'emailProtection',
  [OID.timeStamping]: 'timeStamping',
  [OID.ocspSigning]: 'OCSPSigning',
  [OID.anyExtendedKeyUsage]: 'anyExtendedKeyUsage',
};
