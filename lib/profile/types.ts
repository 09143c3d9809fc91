/**
 * Typed payload dictionaries, named and spelled exactly as Apple's schemas (test/data/apple-schema) spell them.
 * Type aliases (not interfaces) so they stay assignable to plain plist values.
 */
import type { ScepSubject } from './subject-template';

export const PayloadTypes = {
  Configuration: 'Configuration',
  Root: 'com.apple.security.root',
  Scep: 'com.apple.security.scep',
  Eas: 'com.apple.eas.account',
  Wifi: 'com.apple.wifi.managed',
} as const;

/** [CPK] keys of every payload. PayloadVersion must be 1. */
export type PayloadCommon = {
  PayloadIdentifier: string;
  PayloadUUID: string;
  PayloadVersion: 1;
  PayloadDisplayName?: string;
  PayloadDescription?: string;
  PayloadOrganization?: string;
};

/** [ROOT] alias of com.apple.security.pkcs1: PayloadContent is the DER certificate. */
export type RootCertificatePayload = PayloadCommon & {
  PayloadType: typeof PayloadTypes.Root;
  PayloadContent: Buffer;
};

/** [SCEP] SubjectAltName: single strings (arrays are allowed for all but ntPrincipalName, per [ERRATA]). */
export type ScepSubjectAltName = {
  rfc822Name?: string;
  dNSName?: string;
  uniformResourceIdentifier?: string;
  ntPrincipalName?: string;
};

/** [SCEP] the settings dictionary under the payload's PayloadContent. */
export type ScepPayloadContent = {
  URL: string;
  Name: string;
  Subject: ScepSubject;
  Challenge: string;
  /** [SCEP] default is 1024, so 2048 is always written. */
  Keysize: 2048;
  /** [SCEP] "Always 'RSA'"; the key name is spelled with a space. */
  'Key Type': 'RSA';
  /** [SCEP] bitmask 1 = signing, 4 = encryption; 5 = both (Tessera's CA accepts both). */
  'Key Usage': 5;
  /** [SCEP] <data>; the schema names no algorithm, we write the SHA-1 of the CA DER (20 bytes). */
  CAFingerprint: Buffer;
  Retries: number;
  RetryDelay: number;
  SubjectAltName?: ScepSubjectAltName;
};

export type ScepPayload = PayloadCommon & {
  PayloadType: typeof PayloadTypes.Scep;
  PayloadContent: ScepPayloadContent;
};

/** [EAS] no key is required by the schema; these are the ones certificate authentication needs. */
export type EasPayload = PayloadCommon & {
  PayloadType: typeof PayloadTypes.Eas;
  Host: string;
  SSL: boolean;
  UserName: string;
  EmailAddress: string;
  /** PayloadUUID of the SCEP payload: the enrolled identity is the account's credential. */
  PayloadCertificateUUID: string;
};

export type EapClientConfiguration = {
  /** [WIFI] 13 = EAP-TLS. */
  AcceptEAPTypes: number[];
  UserName?: string;
  PayloadCertificateAnchorUUID?: string[];
  TLSTrustedServerNames?: string[];
};

export type WifiPayload = PayloadCommon & {
  PayloadType: typeof PayloadTypes.Wifi;
  SSID_STR: string;
  EncryptionType: 'WPA2' | 'WPA3' | 'Any';
  AutoJoin: boolean;
  PayloadCertificateUUID: string;
  EAPClientConfiguration: EapClientConfiguration;
};

export type EnrollmentPayload = RootCertificatePayload | ScepPayload | EasPayload | WifiPayload;
export type EnrollmentPayloadType = EnrollmentPayload['PayloadType'];

/** [TL] the profile dictionary. */
export type EnrollmentProfile = {
  PayloadType: typeof PayloadTypes.Configuration;
  PayloadVersion: 1;
  PayloadIdentifier: string;
  PayloadUUID: string;
  PayloadDisplayName: string;
  PayloadOrganization: string;
  PayloadDescription: string;
  PayloadRemovalDisallowed: false;
  /** [TL] 1 = iPhone/iPad/iPod touch; see build-profile.ts for why. */
  TargetDeviceType: 1;
  PayloadContent: EnrollmentPayload[];
};

export type PayloadOfType<T extends EnrollmentPayloadType> = Extract<EnrollmentPayload, { PayloadType: T }>;

export function findPayload<T extends EnrollmentPayloadType>(profile: EnrollmentProfile, type: T): PayloadOfType<T> | undefined {
  return profile.PayloadContent.find((p): p is PayloadOfType<T> => p.PayloadType === type);
}

/** Like findPayload, but a missing payload is a programming error. */
export function getPayload<T extends EnrollmentPayloadType>(profile: EnrollmentProfile, type: T): PayloadOfType<T> {
  const p = findPayload(profile, type);
  if (!p) throw new Error(`profile ${profile.PayloadIdentifier} has no ${type} payload`);
  return p;
}
