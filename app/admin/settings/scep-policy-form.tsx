'use client';

import { useState } from 'react';
import type { ActionState } from '@/app/_components/action-state';
import { Field } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { useActionForm } from '@/app/_components/use-action-form';
import type { ScepSettingsView } from '@/lib/server/dashboard/update-scep-settings';
import { shownPercent } from '@/lib/server/scep/renewal-window';
import { inputClass } from '@/app/_components/classes';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

function Toggle({ name, label, defaultChecked, children }: { name: string; label: string; defaultChecked: boolean; children?: React.ReactNode }) {
  const [on, setOn] = useState(defaultChecked);
  return (
    <div className="flex gap-3">
      <input id={`f-${name}`} name={name} type="checkbox" defaultChecked={defaultChecked} onChange={(e) => setOn(e.target.checked)} className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-indigo-600" />
      <div className="text-sm">
        <label htmlFor={`f-${name}`} className="font-medium text-slate-800">
          {label}
        </label>
        {children && <div className={`mt-1 ${on ? '' : 'text-slate-500'}`}>{children}</div>}
      </div>
    </div>
  );
}

const SAN_TYPE_LABELS = [
  ['email', 'E-mail'],
  ['dns', 'DNS name'],
  ['upn', 'UPN'],
  ['uri', 'URI'],
  ['ip', 'IP address'],
] as const;

function DomainList({ name, label, value, error, hint }: { name: string; label: string; value: string[]; error?: string; hint: string }) {
  return (
    <Field name={name} label={label} error={error} hint={`${hint} One per line; empty: any.`}>
      <textarea id={`f-${name}`} name={name} rows={3} defaultValue={value.join('\n')} aria-invalid={error ? true : undefined} className={inputClass} />
    </Field>
  );
}

export function ScepPolicyForm({ action, view }: { action: Action; view: ScepSettingsView }) {
  const { state, pending, onSubmit } = useActionForm(action);
  const e = state.fieldErrors;
  const s = view.settings;
  const p = s.identityPolicy;
  return (
    <form onSubmit={onSubmit} className="space-y-5">
      <Toggle name="legacyCiphers" label="Accept legacy ciphers (single DES, MD5)" defaultChecked={s.legacyCiphers}>
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
          Warning: single DES can be broken in hours and RFC 8894 forbids it. Turn this on only for old clients that cannot do AES (Debian’s scepclient,
          some micromdm builds), and turn it off again once they are gone. iPhones, iPads and Macs never need it.
        </p>
        {view.legacyForcedByEnv && <p className="mt-1 text-xs font-medium text-amber-800">TESSERA_SCEP_LEGACY_CIPHERS=1 is set, so legacy ciphers stay on whatever is saved here.</p>}
      </Toggle>
      <Toggle name="emailProtection" label="Add the e-mail protection purpose (S/MIME)" defaultChecked={s.emailProtection}>
        <p className="text-slate-600">Adds emailProtection to the extended key usage of new certificates, for signing and encrypting mail with them.</p>
      </Toggle>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="certValidityDays" label="Certificate validity (days)" type="number" min={1} max={3650} required defaultValue={s.certValidityDays} error={e.certValidityDays} />
        <Field
          name="pendingTtlHours"
          label="Pending requests expire after (hours)"
          type="number"
          min={1}
          max={2160}
          required
          defaultValue={s.pendingTtlHours}
          error={e.pendingTtlHours}
          hint="Apple devices stop polling after about 10 minutes anyway; other clients keep polling."
        />
      </div>
      <fieldset className="space-y-4 border-t border-slate-100 pt-5" aria-describedby="identity-policy-help">
        <legend className="pr-2 text-sm font-semibold text-slate-900">Identity policy</legend>
        <p id="identity-policy-help" className="text-sm text-slate-600">
          Enrollment links, profiles and challenges created with a subject issue exactly that identity: a request naming anyone or anything else is refused.
          The rules below apply to challenges created without one. Every request is also refused for control characters, a CN over 64 characters, or more SANs than allowed here.
        </p>
        <div>
          <p className="text-sm font-medium text-slate-800">SAN types allowed for unbound challenges</p>
          <div className="mt-2 flex flex-wrap gap-4">
            {SAN_TYPE_LABELS.map(([type, label]) => (
              <label key={type} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name={`san.${type}`} defaultChecked={p.allowedSanTypes.includes(type)} className="h-4 w-4 rounded border-slate-300 accent-indigo-600" />
                {label}
              </label>
            ))}
          </div>
          {p.allowedSanTypes.length === 0 && <p className="mt-1 text-xs text-slate-500">None: unbound challenges issue a subject only.</p>}
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <DomainList name="emailDomains" label="E-mail domains" value={p.emailDomains} error={e.emailDomains} hint="The part after @ must be one of these." />
          <DomainList name="dnsSuffixes" label="DNS suffixes" value={p.dnsSuffixes} error={e.dnsSuffixes} hint="The name or any name under it." />
          <DomainList name="upnDomains" label="UPN realms" value={p.upnDomains} error={e.upnDomains} hint="The part after @, without case." />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="maxSans" label="Most SANs in one request" type="number" min={0} max={100} required defaultValue={p.maxSans} error={e.maxSans} hint="Applies to every request." />
          <Field
            name="renewalWindowPercent"
            label="Renewal window (last % of validity)"
            type="number"
            min={1}
            max={100}
            step="any"
            required
            defaultValue={shownPercent(s.renewalWindowPercent)}
            error={e.renewalWindowPercent}
            hint="Renewal keeps the certificate’s names and supersedes it; earlier requests are refused. 33.33 = the last third."
          />
        </div>
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Saving…">Save SCEP policy</SubmitButton>
    </form>
  );
}
