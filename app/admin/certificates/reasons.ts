import { REVOCATION_REASONS } from '@/lib/server/certificates/certificates';

const LABELS: Record<(typeof REVOCATION_REASONS)[number], string> = {
  unspecified: 'Unspecified',
  keyCompromise: 'Key compromise (device lost or stolen)',
  cACompromise: 'CA compromise',
  affiliationChanged: 'Affiliation changed (person left)',
  superseded: 'Superseded (replaced by a new certificate)',
  cessationOfOperation: 'Cessation of operation (device retired)',
  certificateHold: 'Certificate hold',
  privilegeWithdrawn: 'Privilege withdrawn',
};

export const REVOCATION_OPTIONS = REVOCATION_REASONS.map((r) => ({ value: r, label: LABELS[r] }));
