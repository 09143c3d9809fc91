/** Shared inputs for lib/profile tests. */
import type { BuildEnrollmentProfileInput } from '../../lib/profile/build-profile';
import type { ProfileTemplateInput } from '../../lib/profile/template-schema';

export function sampleTemplate(overrides: Partial<ProfileTemplateInput> = {}): ProfileTemplateInput {
  return {
    name: 'Example Mail',
    organization: 'Example',
    identifierPrefix: 'com.example.tessera.mail',
    subjectTemplate: 'CN={email},O={organization}',
    sanTemplate: { rfc822Name: '{email}', ntPrincipalName: '{username}@corp.example.com' },
    eas: { host: 'mail.example.com', domain: 'CORP' },
    wifi: { ssid: 'Example Corp', encryption: 'WPA2', trustedServerNames: ['radius.example.com'] },
    retries: 3,
    retryDelaySeconds: 10,
    ...overrides,
  };
}

/** Deterministic upper-case UUIDs: 00000000-0000-4000-8000-<seed><n>. */
export function sequentialUuids(seed: number): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(seed * 1000 + ++n).toString(16).toUpperCase().padStart(12, '0')}`;
}

export function sampleInput(caCertificateDer: Uint8Array, overrides: Partial<BuildEnrollmentProfileInput> = {}): BuildEnrollmentProfileInput {
  return {
    template: sampleTemplate(),
    person: { email: 'alice@example.com', username: 'alice', displayName: 'Alice Example' },
    caCertificateDer,
    caName: 'tessera-ca',
    scepUrl: 'https://pki.example.com/scep',
    challenge: 'one-time-secret-1',
    ...overrides,
  };
}
