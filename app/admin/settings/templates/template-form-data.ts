/**
 * Turns the template editor's flat form fields ("eas.host", "wifi.ssid"…) into the body the template use-cases
 * validate. Field names are the body's paths, so a validation error names the input it belongs to.
 */
import type { TemplateView } from '@/lib/server/templates';

const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const on = (v: string | undefined) => v === 'on' || v === 'true';
const int = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));

export function templateBodyFromForm(f: Record<string, string>): Record<string, unknown> {
  const san = Object.fromEntries(
    (['rfc822Name', 'dNSName', 'uniformResourceIdentifier', 'ntPrincipalName'] as const).map((k) => [k, text(f[`sanTemplate.${k}`])]).filter(([, v]) => v !== undefined),
  );
  return {
    name: f.name ?? '',
    organization: f.organization ?? '',
    identifierPrefix: f.identifierPrefix ?? '',
    displayName: text(f.displayName),
    description: text(f.description),
    // Not trimmed: an escaped trailing space is meaningful in a subject template.
    subjectTemplate: f.subjectTemplate === undefined || f.subjectTemplate === '' ? undefined : f.subjectTemplate,
    sanTemplate: Object.keys(san).length ? san : undefined,
    eas: on(f['eas.enabled']) ? { host: f['eas.host'] ?? '', ssl: on(f['eas.ssl']), domain: text(f['eas.domain']) } : null,
    wifi: on(f['wifi.enabled'])
      ? {
          ssid: f['wifi.ssid'] ?? '',
          encryption: f['wifi.encryption'] ?? 'WPA2',
          trustedServerNames: (f['wifi.trustedServerNames'] ?? '').split(/[\s,]+/).filter(Boolean),
          anchorToCa: on(f['wifi.anchorToCa']),
        }
      : null,
    retries: int(f.retries),
    retryDelaySeconds: int(f.retryDelaySeconds),
    isDefault: on(f.isDefault) || undefined,
    autoRenew: on(f.autoRenew),
  };
}

/** The editor's initial values for an existing template (or sensible blanks for a new one). */
export interface TemplateFormValues {
  id: string | null;
  isDefault: boolean;
  autoRenew: boolean;
  config: Partial<TemplateView['config']>;
}
