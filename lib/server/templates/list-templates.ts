import type { Runtime } from '../runtime';
import { getDefaultTemplate } from './default-template';
import { toTemplateView, type TemplateView } from './template-view';

/** Default first, then by name. Creates the default on first use so the list is never empty. */
export async function listTemplates(runtime: Runtime): Promise<TemplateView[]> {
  await getDefaultTemplate(runtime);
  const rows = await runtime.db.profileTemplate.findMany({ orderBy: [{ isDefault: 'desc' }, { name: 'asc' }] });
  return rows.map(toTemplateView);
}
