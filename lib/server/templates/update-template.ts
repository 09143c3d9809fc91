/** Replaces a template's config. Existing enrollments pick the change up on their next download (profiles are built then). */
import { Prisma } from '../../store/prisma';
import { recordAudit, type Actor } from '../audit/record-audit';
import { invalid, notFound } from '../errors';
import type { Runtime } from '../runtime';
import { requireUuid } from '../enrollments/ids';
import { nameTaken } from './create-template';
import { assertTemplateBuilds } from './assert-template-builds';
import { parseTemplateBody } from './template-input';
import { templateJson } from './template-json';
import { toTemplateView, type TemplateView } from './template-view';

export async function updateTemplate(runtime: Runtime, { id, body: input, actor }: { id: string; body: unknown; actor: Actor }): Promise<TemplateView> {
  requireUuid(id, 'template');
  const { config, isDefault, autoRenew } = parseTemplateBody(input);
  await assertTemplateBuilds(runtime, config);
  const current = await runtime.db.profileTemplate.findUnique({ where: { id } });
  if (!current) throw notFound('template');
  // Unsetting the default would leave none; the next enrollment would then silently recreate "Default".
  if (current.isDefault && isDefault === false) throw invalid('isDefault: make another template the default instead', 'isDefault');
  try {
    const row = await runtime.db.$transaction(async (tx) => {
      if (isDefault && !current.isDefault) await tx.profileTemplate.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
      const updated = await tx.profileTemplate.update({
        where: { id },
        data: { name: config.name, config: templateJson(config), autoRenew, ...(isDefault ? { isDefault: true } : {}) },
      });
      await recordAudit(tx, actor, 'template.updated', id, { name: config.name, isDefault: updated.isDefault, autoRenew });
      return updated;
    });
    return toTemplateView(row);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw nameTaken(config.name);
    throw e;
  }
}
