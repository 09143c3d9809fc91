import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { getRuntime } from '@/lib/server/runtime';
import { listTemplates } from '@/lib/server/templates';
import { Card } from '@/app/_components/card';
import { linkClass } from '@/app/_components/classes';
import { PageHeader } from '@/app/_components/page-header';
import { saveTemplateAction } from '../actions';
import { TemplateForm } from '../template-form';

export const metadata: Metadata = { title: 'New template' };
export const dynamic = 'force-dynamic';

export default async function NewTemplatePage() {
  await requireAdmin('/admin/settings/templates/new');
  const runtime = await getRuntime();
  // Start from the default template's organisation and identifiers: most templates differ only in payloads.
  const base = (await listTemplates(runtime)).find((t) => t.isDefault)?.config;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className={linkClass} href="/admin/settings#templates">
          ← Settings
        </Link>
      </p>
      <PageHeader title="New profile template" />
      <Card>
        <TemplateForm
          action={saveTemplateAction}
          initial={{ id: null, isDefault: false, autoRenew: false, config: { organization: base?.organization, identifierPrefix: base ? `${base.identifierPrefix}.new` : undefined, subjectTemplate: base?.subjectTemplate } }}
        />
      </Card>
    </>
  );
}
