'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ActionState } from '@/app/_components/action-state';
import { inputClass, linkClass } from '@/app/_components/classes';
import { Field, Select } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { useActionForm } from '@/app/_components/use-action-form';
import type { TemplateFormValues } from './template-form-data';

type Action = (prev: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;

function Check({ name, label, defaultChecked, onChange }: { name: string; label: string; defaultChecked: boolean; onChange?: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} onChange={(e) => onChange?.(e.target.checked)} className="h-4 w-4 rounded border-slate-300 accent-indigo-600" />
      {label}
    </label>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-slate-100 pt-5">
      <legend className="pr-2 text-sm font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

export function TemplateForm({ action, initial }: { action: Action; initial: TemplateFormValues }) {
  const { state, pending, onSubmit } = useActionForm(action);
  const router = useRouter();
  const c = initial.config;
  const [eas, setEas] = useState(!!c.eas);
  const [wifi, setWifi] = useState(!!c.wifi);
  const e = state.fieldErrors;
  useEffect(() => {
    if (!initial.id && state.status === 'success' && state.result) router.replace(`/admin/settings/templates/${state.result.id}`);
  }, [initial.id, state, router]);
  return (
    <form onSubmit={onSubmit} className="space-y-6">
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label="Template name" required maxLength={100} defaultValue={c.name} error={e.name} />
        <Field name="organization" label="Organization" required maxLength={64} defaultValue={c.organization} error={e.organization} hint="Shown on the profile; also {organization} in the subject." />
        <Field name="identifierPrefix" label="Identifier prefix" required defaultValue={c.identifierPrefix} error={e.identifierPrefix} placeholder="com.example.tessera" hint="Reverse-DNS; profiles with the same identifier replace each other." />
        <Field name="displayName" label="Profile name (optional)" maxLength={100} defaultValue={c.displayName} error={e.displayName} />
      </div>
      <Field name="description" label="Description (optional)" error={e.description}>
        <textarea id="f-description" name="description" rows={2} maxLength={1000} defaultValue={c.description} className={inputClass} />
      </Field>
      <Section title="Certificate">
        <Field name="subjectTemplate" label="Subject" defaultValue={c.subjectTemplate ?? 'CN={email}'} error={e.subjectTemplate} hint="Placeholders: {email}, {username}, {organization}. Example: CN={email},O={organization}" />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="sanTemplate.rfc822Name" label="SAN e-mail (optional)" defaultValue={c.sanTemplate?.rfc822Name} error={e['sanTemplate.rfc822Name']} placeholder="{email}" />
          <Field name="sanTemplate.ntPrincipalName" label="SAN UPN (optional)" defaultValue={c.sanTemplate?.ntPrincipalName} error={e['sanTemplate.ntPrincipalName']} placeholder="{email}" />
          <Field name="sanTemplate.dNSName" label="SAN DNS name (optional)" defaultValue={c.sanTemplate?.dNSName} error={e['sanTemplate.dNSName']} />
          <Field name="sanTemplate.uniformResourceIdentifier" label="SAN URI (optional)" defaultValue={c.sanTemplate?.uniformResourceIdentifier} error={e['sanTemplate.uniformResourceIdentifier']} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="retries" label="SCEP retries" type="number" min={0} max={100} defaultValue={c.retries ?? 3} error={e.retries} hint="Polls while a request is pending. Manual approval: 21." />
          <Field name="retryDelaySeconds" label="Retry delay (seconds)" type="number" min={1} max={3600} defaultValue={c.retryDelaySeconds ?? 10} error={e.retryDelaySeconds} hint="Manual approval: 30 (a 10-minute window)." />
        </div>
        <div>
          <Check name="autoRenew" label="Renew automatically, even when enrollment needed approval" defaultChecked={initial.autoRenew} />
          <p className="mt-1 text-xs text-slate-500">
            Off: renewing a certificate from a manual-approval enrollment waits for an admin again. Renewals always keep the certificate’s names.
          </p>
        </div>
      </Section>
      <Section title="Exchange (ActiveSync)">
        <Check name="eas.enabled" label="Add an Exchange account" defaultChecked={!!c.eas} onChange={setEas} />
        {eas && (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field name="eas.host" label="Server" defaultValue={c.eas?.host} error={e['eas.host'] ?? e.eas} placeholder="mail.example.com" />
            <Field name="eas.domain" label="Domain (optional)" defaultValue={c.eas?.domain} error={e['eas.domain']} placeholder="CORP" />
            <div className="pt-7">
              <Check name="eas.ssl" label="Use SSL" defaultChecked={c.eas?.ssl ?? true} />
            </div>
          </div>
        )}
      </Section>
      <Section title="Wi-Fi (802.1X EAP-TLS)">
        <Check name="wifi.enabled" label="Add a Wi-Fi network" defaultChecked={!!c.wifi} onChange={setWifi} />
        {wifi && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field name="wifi.ssid" label="SSID" defaultValue={c.wifi?.ssid} error={e['wifi.ssid'] ?? e.wifi} />
            <Field name="wifi.encryption" label="Security" error={e['wifi.encryption']}>
              <Select name="wifi.encryption" defaultValue={c.wifi?.encryption ?? 'WPA2'} options={[{ value: 'WPA2', label: 'WPA2 Enterprise' }, { value: 'WPA3', label: 'WPA3 Enterprise' }, { value: 'Any', label: 'Any' }]} />
            </Field>
            <Field name="wifi.trustedServerNames" label="RADIUS server names (optional)" defaultValue={c.wifi?.trustedServerNames?.join(', ')} error={e['wifi.trustedServerNames']} hint="Comma-separated; wildcards allowed." />
            <div className="pt-7">
              <Check name="wifi.anchorToCa" label="Trust the Tessera CA for the RADIUS server" defaultChecked={c.wifi?.anchorToCa ?? true} />
            </div>
          </div>
        )}
      </Section>
      <div className="flex flex-wrap items-center gap-4 border-t border-slate-100 pt-5">
        {!initial.isDefault && <Check name="isDefault" label="Make this the default template" defaultChecked={false} />}
        <SubmitButton pending={pending} pendingLabel="Saving…">Save template</SubmitButton>
        <Link className={`${linkClass} text-sm`} href="/admin/settings#templates">
          Back to settings
        </Link>
      </div>
    </form>
  );
}
