import { Prisma } from '../../store/prisma';
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict } from '../errors';
import type { Runtime } from '../runtime';
import { assertTemplateBuilds } from './assert-template-builds';
import { parseTemplateBody } from './template-input';
import { templateJson } from './template-json';
import { toTemplateView, type TemplateView } from './template-view';

export const nameTaken = (name: string) => conflict(`a template named "${name}" already exists`, { field: 'name' });

export async function createTemplate(runtime: Runtime, { body: input, actor }: { body: unknown; actor: Actor }): Promise<TemplateView> {
  const { config, isDefault, autoRenew } = parseTemplateBody(input);
  await assertTemplateBuilds(runtime, config);
  try {
    const row = await runtime.db.$transaction(async (tx) => {
      // One default at a time: clear the old one in the same transaction that sets the new one.
      if (isDefault) await tx.profileTemplate.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
      const created = await tx.profileTemplate.create({ data: { name: config.name, isDefault: isDefault ?? false, autoRenew, config: templateJson(config) } });
      await recordAudit(tx, actor, 'template.created', created.id, { name: config.name, isDefault: created.isDefault, autoRenew });
      return created;
    });
    return toTemplateView(row);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw nameTaken(config.name);
    throw e;
  }
}
