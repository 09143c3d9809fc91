'use server';
/** The public request form's action: zod at the boundary, field errors back to the form, redirect to the status page. */
import { redirect } from 'next/navigation';
import { ZEnrollmentRequestFormSchema, submitEnrollmentRequest } from '@/lib/server/enrollment-requests';
import { incomingRequestMetadata } from '@/lib/http/request-metadata';
import { AppError } from '@/lib/server/errors';
import { findUnsafeText } from '@/lib/validation/safe-text';
import { getRuntime } from '@/lib/server/runtime';
import type { RequestField, RequestFormState } from './request-form-state';

const FIELDS: readonly RequestField[] = ['name', 'email', 'reason'];
const isField = (v: unknown): v is RequestField => typeof v === 'string' && (FIELDS as readonly string[]).includes(v);

export async function submitRequestAction(_previous: RequestFormState, formData: FormData): Promise<RequestFormState> {
  const text = (k: RequestField) => {
    const v = formData.get(k);
    return typeof v === 'string' ? v : '';
  };
  const values = { name: text('name'), email: text('email'), reason: text('reason') };
  const unsafe = findUnsafeText(values);
  if (unsafe && isField(unsafe.field)) return { values, fieldErrors: { [unsafe.field]: 'Please remove control characters or invalid symbols.' }, formError: null };
  const parsed = ZEnrollmentRequestFormSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: RequestFormState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isField(field)) fieldErrors[field] ??= issue.message;
    }
    return { values, fieldErrors, formError: null };
  }

  let pollToken: string;
  try {
    const runtime = await getRuntime();
    ({ pollToken } = await submitEnrollmentRequest(runtime, { form: parsed.data, client: await incomingRequestMetadata(runtime.env) }));
  } catch (e) {
    if (e instanceof AppError && e.code === 'rate_limited') return { values, fieldErrors: {}, formError: e.message };
    console.error('[tessera] enrollment request failed', e);
    return { values, fieldErrors: {}, formError: 'Your request could not be saved. Please try again in a minute.' };
  }
  // Outside the try: redirect() works by throwing.
  redirect(`/enroll/request/${encodeURIComponent(pollToken)}`);
}
