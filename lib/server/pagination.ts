import { z } from 'zod';

export const ZPageSchema = z.object({
  page: z.coerce.number().int().min(1, 'page must be 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'pageSize must be at most 200').default(50),
});
export type PageInput = z.infer<typeof ZPageSchema>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const skipTake = (p: PageInput) => ({ skip: (p.page - 1) * p.pageSize, take: p.pageSize });
