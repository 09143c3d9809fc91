import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/session';
import { AppError } from '@/lib/server/errors';
import { getRuntime } from '@/lib/server/runtime';
import { getTemplate } from '@/lib/server/templates';
import { Badge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { linkClass } from '@/app/_components/classes';
import { PageHeader } from '@/app/_components/page-header';
import { saveTemplateAction } from '../actions';
import { TemplateForm } from '../template-form';

export const metadata: Metadata = { title: 'Edit template' };
export const dynamic = 'force-dynamic';

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin(`/admin/settings/templates/${encodeURIComponent(id)}`);
  const runtime = await getRuntime();
  const template = await getTemplate(runtime, { id }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'validation')) notFound();
    throw e;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className={linkClass} href="/admin/settings#templates">
          ← Settings
        </Link>
      </p>
      <PageHeader title={template.name} description={template.isDefault ? <Badge tone="indigo">default template</Badge> : 'Profile template'} />
      <Card>
        <TemplateForm action={saveTemplateAction} initial={{ id: template.id, isDefault: template.isDefault, autoRenew: template.autoRenew, config: template.config }} />
      </Card>
    </>
  );
}
