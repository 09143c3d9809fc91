import type { DbOrTx } from '../../store/prisma';
import { notFound } from '../errors';
import type { Runtime } from '../runtime';
import { isUuid, requireUuid } from '../enrollments/ids';
import { getDefaultTemplate } from './default-template';
import { toTemplateView, type TemplateRow, type TemplateView } from './template-view';

export async function getTemplate(runtime: Runtime, { id }: { id: string }): Promise<TemplateView> {
  const row = await runtime.db.profileTemplate.findUnique({ where: { id: requireUuid(id, 'template') } });
  if (!row) throw notFound('template');
  return toTemplateView(row);
}

async function findByRef(db: DbOrTx, ref: string): Promise<TemplateRow | null> {
  if (isUuid(ref)) {
    const byId = await db.profileTemplate.findUnique({ where: { id: ref } });
    if (byId) return byId;
  }
  return db.profileTemplate.findUnique({ where: { name: ref } });
}

/** A template by id or name, or the default when `ref` is omitted. */
export async function resolveTemplate(runtime: Runtime, { ref }: { ref: string | undefined }): Promise<TemplateRow> {
  if (ref === undefined) return getDefaultTemplate(runtime);
  const row = await findByRef(runtime.db, ref);
  if (!row) throw notFound(`template "${ref}"`);
  return row;
}
