/** Plain-data views of a PKCS#10 request, shared by lib/pki (which produces them) and lib/scep (which passes them on). */

export type SanEntry =
  | { type: 'dns'; value: string }
  | { type: 'email'; value: string }
  | { type: 'uri'; value: string }
  | { type: 'ip'; value: string }
  | { type: 'upn'; value: string };

/** What the protocol layer learned from a verified PKCS#10. */
export interface CsrSummary {
  der: Uint8Array;
  /** RFC 4514-style text, e.g. "CN=alice@example.com,O=Example". */
  subject: string;
  /** DER of the subject Name exactly as in the CSR (so string types are kept when issuing). */
  subjectDer: Uint8Array;
  sans: SanEntry[];
  keyType: 'RSA' | 'EC' | 'other';
  keyBits: number;
  /** DER SubjectPublicKeyInfo of the CSR key. */
  publicKeySpki: Uint8Array;
  /** hex SHA-256 of the SubjectPublicKeyInfo DER: identifies "the same key" across retransmits and polls. */
  publicKeySha256: string;
  /** null when the CSR carries no challengePassword attribute. Never log it. */
  challengePassword: string | null;
  /** keyUsage bits the client asked for in extensionRequest (informational). */
  requestedKeyUsage: string[];
}

