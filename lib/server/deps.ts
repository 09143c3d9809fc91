/**
 * The calling convention of every lib/server use-case: `useCase(deps, input)`.
 *   deps   what the use-case needs from the running process — pass the Runtime itself (or `{ db: tx }` to run it
 *          inside a caller's transaction); a use-case names only the parts it uses, e.g. Deps<'db' | 'masterKey'>.
 *   input  one object: ids, the request body, the acting admin or token (`actor`), a clock for tests (`now`).
 * Building blocks that run inside a caller's transaction (recordAudit, throttles, repository functions in lib/store)
 * take that transaction client first instead.
 */
import type { Runtime } from './runtime';

export type Deps<K extends keyof Runtime> = Pick<Runtime, K>;
