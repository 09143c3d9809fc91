import type { CliCommand } from './command';
import { adminCreate } from './commands/admin';
import { caImport, caShow } from './commands/ca';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry; each entry is typed at its definition
export const COMMANDS: CliCommand<any, any>[] = [caShow, caImport, adminCreate];

export function findCommand(name: string) {
  return COMMANDS.find((c) => c.name === name) ?? null;
}
