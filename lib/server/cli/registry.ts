import type { CliCommand } from './command';
import { adminCreate, adminDelete, adminDisable, adminEnable, adminList, adminPassword } from './commands/admin';
import { caImport, caShow } from './commands/ca';
import { enrollmentCreate, enrollmentList, enrollmentRevoke, templateList } from './commands/enrollment';
import { certList, certRevoke, certShow } from './commands/cert';
import { challengeCreate, challengeList, challengeRevoke } from './commands/challenge';
import { settingsScep } from './commands/settings';
import { signerImport, signerShow } from './commands/signer';
import { logList } from './commands/log';
import { requestApprove, requestList, requestReject } from './commands/request';
import { tokenCreate, tokenList, tokenRevoke } from './commands/token';

// Each entry is typed at its definition; here they are held by their common shape (methods are bivariant).
export const COMMANDS: CliCommand<unknown, unknown>[] = [
  caShow,
  caImport,
  signerShow,
  signerImport,
  adminCreate,
  adminList,
  adminDisable,
  adminEnable,
  adminDelete,
  adminPassword,
  challengeCreate,
  challengeList,
  challengeRevoke,
  requestList,
  requestApprove,
  requestReject,
  certList,
  certShow,
  certRevoke,
  tokenCreate,
  tokenList,
  tokenRevoke,
  enrollmentCreate,
  enrollmentList,
  enrollmentRevoke,
  templateList,
  settingsScep,
  logList,
];

export function findCommand(name: string) {
  return COMMANDS.find((c) => c.name === name) ?? null;
}
