export const CHALLENGE_TTL_OPTIONS = [
  { value: '900', label: '15 minutes' },
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '1 day' },
  { value: '604800', label: '7 days' },
  { value: '2592000', label: '30 days' },
];

export const ENROLLMENT_TTL_OPTIONS = [
  { value: '86400', label: '1 day' },
  { value: '259200', label: '3 days' },
  { value: '604800', label: '7 days' },
  { value: '2592000', label: '30 days' },
];

export const APPROVAL_OPTIONS = [
  { value: 'auto', label: 'Issue automatically' },
  { value: 'manual', label: 'Admin approves each request' },
];
