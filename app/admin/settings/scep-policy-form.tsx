'use client';

import { useState } from 'react';
import type { ActionState } from '@/app/_components/action-state';
import { Field } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { useActionForm } from '@/app/_components/use-action-form';
import type { ScepSettingsView } from '@/lib/server/dashboard/update-scep-settings';

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

export function ScepPolicyForm({ action, view }: { action: Action; view: ScepSettingsView }) {
  const { state, pending, onSubmit } = useActionForm(action);
  const e = state.fieldErrors;
  const s = view.effective;
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
      <SubmitButton pending={pending} pendingLabel="Saving…">Save SCEP policy</SubmitButton>
    </form>
  );
}
