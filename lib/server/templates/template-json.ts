import type { ProfileTemplate } from '../../profile/template-schema';
import type { Prisma } from '../../store/prisma';

/** A validated template as a JSON column value (undefined keys dropped, so the stored document is exactly the config). */
export function templateJson(config: ProfileTemplate): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(config)) as Prisma.InputJsonObject;
}
