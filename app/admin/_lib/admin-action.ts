/**
 * The wrapper every dashboard server action goes through: session check (requireAdmin), zod validation of the form
 * with per-field messages, typed errors turned into a toast, and revalidation of the page. Next's server actions
 * already refuse cross-origin posts, which is the CSRF protection for these forms.
 */
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { requireAdmin } from '@/lib/auth/session';
import { incomingRequestMetadata } from '@/lib/http/request-metadata';
import type { Actor } from '@/lib/server/audit/record-audit';
import { AppError } from '@/lib/server/errors';
import { getRuntime, type Runtime } from '@/lib/server/runtime';
import { findUnsafeText } from '@/lib/validation/safe-text';
import type { ActionState } from '@/app/_components/action-state';

export interface ActionContext {
  actor: Actor;
  runtime: Runtime;
}

export interface ActionOutcome<R> {
  message: string;
  result?: R;
}

/** Form fields as strings; Next's internal `$ACTION…` fields are dropped. */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (!k.startsWith('$ACTION') && typeof v === 'string') out[k] = v;
  return out;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'form';
    out[key] ??= sentence(issue.message);
  }
  return out;
}

const fail = <R>(message: string, fieldErrors: Record<string, string> = {}): ActionState<R> => ({ status: 'error', message, fieldErrors, at: Date.now() });

export async function runAdminAction<S extends z.ZodType, R = undefined>(opts: {
  /** The page the action belongs to: where sign-in returns to, and what is revalidated. */
  path: string;
  schema: S;
  form: FormData;
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<ActionOutcome<R>>;
  revalidate?: string[];
}): Promise<ActionState<R>> {
  const admin = await requireAdmin(opts.path);
  const fields = formFields(opts.form);
  const unsafe = findUnsafeText(fields);
  if (unsafe) return fail('Please correct the highlighted fields.', { [unsafe.field]: sentence(unsafe.reason) });
  const parsed = opts.schema.safeParse(fields);
  if (!parsed.success) return fail('Please correct the highlighted fields.', fieldErrorsOf(parsed.error));
  try {
    const runtime = await getRuntime();
    const { address } = await incomingRequestMetadata(runtime.env);
    const outcome = await opts.run(parsed.data, { actor: { id: admin.actor.id, sourceAddress: address }, runtime });
    for (const p of opts.revalidate ?? [opts.path]) revalidatePath(p);
    return { status: 'success', message: outcome.message, fieldErrors: {}, result: outcome.result, at: Date.now() };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof z.ZodError) return fail('Please correct the highlighted fields.', fieldErrorsOf(e));
    if (e instanceof AppError) {
      const field = typeof e.details?.field === 'string' ? e.details.field : null;
      // Use-cases prefix messages with the field ("eas.host: must be…"); next to the input the prefix is noise.
      const bare = field && e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message;
      return fail(sentence(e.message), field ? { [field]: sentence(bare) } : {});
    }
    console.error('[tessera] dashboard action failed', e);
    return fail('Something went wrong on the server; the details are in the server log.');
  }
}

function sentence(s: string): string {
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}` : s;
}
