/**
 * Builds the enrollment Configuration profile: CA certificate + SCEP identity + optional Exchange and Wi-Fi
 * payloads that use that identity. Pure: the caller supplies the CA, URL, challenge and (in tests) the UUIDs.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Asn1Error, CertificateError } from '../pki/errors';
import { describeCertificate } from '../pki/x509';
import { build, type PlistValue } from 'plist';
import { inputError, type ProfileIssue } from './errors';
import { renderSubject, SubjectTemplateError, expandPlaceholders, type PlaceholderValues, type ScepSubject } from './subject-template';
import { SAN_PLACEHOLDERS, ZEnrollmentPersonSchema, ZProfileTemplateInputSchema, zodIssues, type EnrollmentPerson, type ProfileTemplate, type ProfileTemplateInput } from './template-schema';
import { PayloadTypes, type EnrollmentPayload, type EnrollmentProfile, type ScepSubjectAltName } from './types';

export interface BuildEnrollmentProfileInput {
  template: ProfileTemplateInput;
  person: EnrollmentPerson;
  /** The CA that issues through SCEP; installed as the root payload and pinned by CAFingerprint. */
  caCertificateDer: Uint8Array;
  /** [SCEP] Name: sent by the device as GetCACert's `message`, picks the CA instance. */
  caName: string;
  /** Absolute SCEP endpoint, normally scepUrlFor(publicBaseUrl). */
  scepUrl: string;
  /** Fresh one-time challenge password. Never log the built profile. */
  challenge: string;
  /** Injected for repeatable tests; defaults to upper-case random UUIDs (the style Apple's tools write). */
  uuid?: () => string;
}

// [CPK]/[EAS]/[WIFI] format of UUID references.
const UUID_FORMAT = /^[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}$/;
const NO_CONTROL = /^[^\p{Cc}]+$/u;
const SAN_CHECKS: Record<keyof ScepSubjectAltName, { test: (v: string) => boolean; what: string }> = {
  rfc822Name: { test: (v) => /^[^\s@]+@[^\s@]+$/.test(v), what: 'an email address' },
  dNSName: { test: (v) => /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(v), what: 'a DNS name' },
  uniformResourceIdentifier: { test: (v) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v), what: 'an absolute URI' },
  ntPrincipalName: { test: (v) => /^[^\s@]+@[^\s@]+$/.test(v), what: 'a user principal name (user@REALM)' },
};

/** The SCEP URL for a public base URL ("https://pki.example.com/" → "https://pki.example.com/scep"). */
export function scepUrlFor(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/scep`;
}

function checkArguments(input: BuildEnrollmentProfileInput, issues: ProfileIssue[]): void {
  try {
    if (!describeCertificate(input.caCertificateDer).isCa) {
      issues.push({ path: 'caCertificateDer', message: 'is not a CA certificate (basicConstraints cA is not true)' });
    }
  } catch (e) {
    if (!(e instanceof CertificateError || e instanceof Asn1Error)) throw e;
    issues.push({ path: 'caCertificateDer', message: 'is not a DER X.509 certificate' });
  }
  if (!NO_CONTROL.test(input.caName) || input.caName.length > 255) {
    issues.push({ path: 'caName', message: 'must be 1-255 characters without control characters' });
  }
  let url: URL | null = null;
  try {
    url = new URL(input.scepUrl);
  } catch {
    /* reported below */
  }
  // The device appends "?operation=…&message=…", so the URL itself must carry no query or fragment.
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    issues.push({ path: 'scepUrl', message: 'must be an absolute http(s) URL without query or fragment' });
  }
  if (!NO_CONTROL.test(input.challenge) || input.challenge.length > 255) {
    issues.push({ path: 'challenge', message: 'must be 1-255 characters without control characters' });
  }
}

function buildSubjectAltName(template: ProfileTemplate, values: PlaceholderValues, issues: ProfileIssue[]): ScepSubjectAltName | undefined {
  const san: ScepSubjectAltName = {};
  for (const key of Object.keys(SAN_CHECKS) as (keyof ScepSubjectAltName)[]) {
    const t = template.sanTemplate?.[key];
    if (t === undefined) continue;
    try {
      const v = expandPlaceholders(t, values, SAN_PLACEHOLDERS);
      if (SAN_CHECKS[key].test(v)) san[key] = v;
      else issues.push({ path: `template.sanTemplate.${key}`, message: `"${v}" is not ${SAN_CHECKS[key].what}` });
    } catch (e) {
      if (!(e instanceof SubjectTemplateError)) throw e;
      issues.push({ path: `template.sanTemplate.${key}`, message: e.message });
    }
  }
  return Object.keys(san).length > 0 ? san : undefined;
}

export function buildEnrollmentProfile(input: BuildEnrollmentProfileInput): EnrollmentProfile {
  const issues: ProfileIssue[] = [];
  const t = ZProfileTemplateInputSchema.safeParse(input.template);
  if (!t.success) issues.push(...zodIssues('template', t.error));
  const p = ZEnrollmentPersonSchema.safeParse(input.person);
  if (!p.success) issues.push(...zodIssues('person', p.error));
  checkArguments(input, issues);
  if (!t.success || !p.success) throw inputError(issues);
  const template = t.data;
  const person = p.data;

  const values: PlaceholderValues = { ...person, organization: template.organization };
  let subject: ScepSubject = [];
  try {
    subject = renderSubject(template.subjectTemplate, values);
  } catch (e) {
    if (!(e instanceof SubjectTemplateError)) throw e;
    issues.push({ path: 'template.subjectTemplate', message: e.message });
  }
  const subjectAltName = buildSubjectAltName(template, values, issues);
  if (issues.length > 0) throw inputError(issues);

  const seen = new Set<string>();
  const nextUuid = input.uuid ?? (() => randomUUID().toUpperCase());
  const uuid = (): string => {
    const u = nextUuid();
    if (!UUID_FORMAT.test(u) || seen.has(u)) throw new Error(`uuid() returned "${u}": not a UUID or not unique within the profile`);
    seen.add(u);
    return u;
  };

  // [TL]/[CPK]: an install replaces the profile with the same PayloadIdentifier, so identifiers derive from the
  // template only (never the person, challenge or date). PayloadUUIDs are fresh per build: each issue is a new
  // enrollment (new challenge, new key), so iOS replaces payloads rather than updating them in place.
  const id = template.identifierPrefix;
  const caDer = Buffer.from(input.caCertificateDer);
  const root = {
    PayloadType: PayloadTypes.Root,
    PayloadVersion: 1,
    PayloadIdentifier: `${id}.ca`,
    PayloadUUID: uuid(),
    PayloadDisplayName: `${input.caName} CA certificate`,
    PayloadContent: caDer,
  } as const;
  const scep = {
    PayloadType: PayloadTypes.Scep,
    PayloadVersion: 1,
    PayloadIdentifier: `${id}.scep`,
    PayloadUUID: uuid(),
    PayloadDisplayName: `Certificate for ${person.email}`,
    PayloadContent: {
      URL: input.scepUrl,
      Name: input.caName,
      Subject: subject,
      Challenge: input.challenge,
      Keysize: 2048,
      'Key Type': 'RSA',
      'Key Usage': 5,
      CAFingerprint: createHash('sha1').update(caDer).digest(),
      Retries: template.retries,
      RetryDelay: template.retryDelaySeconds,
      ...(subjectAltName ? { SubjectAltName: subjectAltName } : {}),
    },
  } as const;
  const payloads: EnrollmentPayload[] = [root, scep];
  const loginName = person.username ?? person.email;

  if (template.eas) {
    payloads.push({
      PayloadType: PayloadTypes.Eas,
      PayloadVersion: 1,
      PayloadIdentifier: `${id}.eas`,
      PayloadUUID: uuid(),
      PayloadDisplayName: `Exchange (${template.eas.host})`,
      Host: template.eas.host,
      SSL: template.eas.ssl,
      // [EAS] has no Domain key; Exchange takes the down-level logon form DOMAIN\user.
      UserName: template.eas.domain ? `${template.eas.domain}\\${loginName}` : loginName,
      EmailAddress: person.email,
      PayloadCertificateUUID: scep.PayloadUUID,
    });
  }
  if (template.wifi) {
    const w = template.wifi;
    payloads.push({
      PayloadType: PayloadTypes.Wifi,
      PayloadVersion: 1,
      PayloadIdentifier: `${id}.wifi`,
      PayloadUUID: uuid(),
      PayloadDisplayName: `Wi-Fi ${w.ssid}`,
      SSID_STR: w.ssid,
      EncryptionType: w.encryption,
      AutoJoin: true,
      PayloadCertificateUUID: scep.PayloadUUID,
      EAPClientConfiguration: {
        AcceptEAPTypes: [13],
        // [WIFI] without UserName the device prompts for one; EAP-TLS only uses it as the outer identity.
        UserName: loginName,
        ...(w.anchorToCa ? { PayloadCertificateAnchorUUID: [root.PayloadUUID] } : {}),
        ...(w.trustedServerNames?.length ? { TLSTrustedServerNames: w.trustedServerNames } : {}),
      },
    });
  }

  const services = [template.eas && 'Exchange', template.wifi && 'Wi-Fi'].filter(Boolean).join(' and ');
  return {
    PayloadType: PayloadTypes.Configuration,
    PayloadVersion: 1,
    PayloadIdentifier: id,
    PayloadUUID: uuid(),
    PayloadDisplayName: template.displayName ?? template.name,
    PayloadOrganization: template.organization,
    PayloadDescription:
      template.description ??
      `Installs the ${input.caName} CA certificate and requests a certificate for ${person.email}` +
        (services ? `, then sets up ${services} to use it.` : '.'),
    PayloadRemovalDisallowed: false,
    // [TL] iOS 12.2+: naming the target platform avoids the interstitial "choose a device" prompt (e.g. with a paired
    // Apple Watch) on interactive installs. 1 = iPhone/iPad; [EAS] is not available on macOS/watchOS anyway.
    TargetDeviceType: 1,
    PayloadContent: payloads,
  };
}

/** Deep-copies a typed profile into plist values, dropping undefined keys and rejecting anything plist can't hold. */
export function toPlistValue(value: unknown, path = '$'): PlistValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: non-finite number`);
    return value;
  }
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map((v, i) => toPlistValue(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, PlistValue> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlistValue(v, `${path}.${k}`);
    return out;
  }
  throw new Error(`${path}: ${typeof value} cannot be written to a plist`);
}

/** XML plist (UTF-8). Numbers that are whole are written as <integer>, which every key used here expects. */
export function renderProfilePlist(profile: EnrollmentProfile): string {
  return build(toPlistValue(profile));
}
