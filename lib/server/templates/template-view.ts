/** What the API, CLI and dashboard get for a template. Stored config is re-validated on read (a boundary too). */
import { ZProfileTemplateInputSchema, type ProfileTemplate } from '../../profile/template-schema';

export interface TemplateRow {
  id: string;
  name: string;
  isDefault: boolean;
  config: unknown;
  autoRenew: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface TemplateView {
  id: string;
  name: string;
  isDefault: boolean;
  config: ProfileTemplate;
  /** Renewals are issued at once even when enrollments with this template need approval. */
  autoRenew: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The stored config, parsed. Only a hand-edited row can fail here, and then loudly rather than building a bad profile. */
export function templateConfig(row: Pick<TemplateRow, 'id' | 'config'>): ProfileTemplate {
  const parsed = ZProfileTemplateInputSchema.safeParse(row.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`profile template ${row.id} holds an invalid config (${issue?.path.join('.')}: ${issue?.message})`);
  }
  return parsed.data;
}

export function toTemplateView(row: TemplateRow): TemplateView {
  return {
    id: row.id,
    name: row.name,
    isDefault: row.isDefault,
    config: templateConfig(row),
    autoRenew: row.autoRenew,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
