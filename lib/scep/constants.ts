/** SCEP protocol constants, named as in RFC 8894. */
import type { FailInfoName } from './backend';

/** RFC 8894 §3.2.1.2 messageType (PrintableString of a decimal number). 18 is unassigned (old UpdateReq). */
export const MessageType = {
  CertRep: '3',
  RenewalReq: '17',
  PKCSReq: '19',
  CertPoll: '20',
  GetCert: '21',
  GetCRL: '22',
} as const;
export type MessageTypeName = keyof typeof MessageType;

export function messageTypeName(code: string): MessageTypeName | null {
  const entry = Object.entries(MessageType).find(([, v]) => v === code);
  return entry ? (entry[0] as MessageTypeName) : null;
}

/** RFC 8894 §3.2.1.3 pkiStatus. */
export const PkiStatus = {
  SUCCESS: '0',
  FAILURE: '2',
  PENDING: '3',
} as const;
export type PkiStatusName = keyof typeof PkiStatus;

/** RFC 8894 §3.2.1.4 failInfo. */
export const FailInfo: Readonly<Record<FailInfoName, string>> = {
  badAlg: '0',
  badMessageCheck: '1',
  badRequest: '2',
  badTime: '3',
  badCertId: '4',
};

export function failInfoName(code: string): FailInfoName | null {
  const entry = (Object.entries(FailInfo) as Array<[FailInfoName, string]>).find(([, v]) => v === code);
  return entry ? entry[0] : null;
}

/** RFC 8894 §3.2.1 and §6 (IANA): SCEP signed attributes, all under id-VeriSign pki attributes. */
export const OID_SCEP_MESSAGE_TYPE = '2.16.840.1.113733.1.9.2';
export const OID_SCEP_PKI_STATUS = '2.16.840.1.113733.1.9.3';
export const OID_SCEP_FAIL_INFO = '2.16.840.1.113733.1.9.4';
export const OID_SCEP_SENDER_NONCE = '2.16.840.1.113733.1.9.5';
export const OID_SCEP_RECIPIENT_NONCE = '2.16.840.1.113733.1.9.6';
export const OID_SCEP_TRANSACTION_ID = '2.16.840.1.113733.1.9.7';
/** RFC 8894 §3.2.1.4: id-scep-failInfoText = { id-pkix 24 1 }, a UTF8String. */
export const OID_SCEP_FAIL_INFO_TEXT = '1.3.6.1.5.5.7.24.1';

/** RFC 8894 §4: HTTP media types (exact strings, no parameters — iOS compares them literally). */
export const ContentType = {
  caCert: 'application/x-x509-ca-cert',
  caRaCert: 'application/x-x509-ca-ra-cert',
  pkiMessage: 'application/x-pki-message',
  text: 'text/plain',
} as const;

/** RFC 8894 §3.2.1.5: senderNonce is 16 random octets. */
export const NONCE_LENGTH = 16;
