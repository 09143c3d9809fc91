/** Disabling, enabling and deleting admins: the guard rails and the audit trail (the sessions side is in admin-sessions.test.ts). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/server/errors';
import { createAdmin } from '../../lib/server/admins/create-admin';
import { deleteAdmin, disableAdmin, enableAdmin } from '../../lib/server/admins/manage-admins';
import { activeSessionAdmin, sessionClaimsFor } from '../../lib/server/admins/admin-session';
import { findCommand } from '../../lib/server/cli/registry';
import { runCommand } from '../../lib/server/cli/run-command';
import { createTestRuntime, TEST_ADMIN, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
const cli = { id: 'cli:root', sourceAddress: null };
const as = (email: string) => ({ id: `admin:${email}`, sourceAddress: '192.0.2.1' });
const PASSWORD = 'a long enough password';

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => rt?.close());
beforeEach(async () => {
  // Only the bootstrap admin, enabled.
  await rt.db.adminUser.deleteMany({ where: { email: { not: TEST_ADMIN.email } } });
  await rt.db.adminUser.update({ where: { email: TEST_ADMIN.email }, data: { disabled: false } });
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('managing admins', () => {
  it('nobody disables or deletes their own account', async () => {
    await createAdmin(rt, { email: 'other@example.test', password: PASSWORD, actor: cli });
    expect((await rejection(disableAdmin(rt, { email: TEST_ADMIN.email, actor: as(TEST_ADMIN.email) }))).message).toMatch(/your own account/);
    expect((await rejection(deleteAdmin(rt, { email: TEST_ADMIN.email, actor: as(TEST_ADMIN.email) }))).message).toMatch(/your own account/);
  });

  it('the last enabled admin stays, from the CLI too', async () => {
    const e = await rejection(disableAdmin(rt, { email: TEST_ADMIN.email, actor: cli }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/last enabled admin/);
    expect((await rejection(deleteAdmin(rt, { email: TEST_ADMIN.email, actor: cli }))).message).toMatch(/last enabled admin/);
    // A disabled admin does not count: with two admins, one of them disabled, the enabled one is still the last.
    await createAdmin(rt, { email: 'off@example.test', password: PASSWORD, actor: cli });
    await disableAdmin(rt, { email: 'off@example.test', actor: cli });
    expect((await rejection(disableAdmin(rt, { email: TEST_ADMIN.email, actor: cli }))).message).toMatch(/last enabled admin/);
    await deleteAdmin(rt, { email: 'off@example.test', actor: cli });
  });

  it('two admins disabling each other at the same moment: one wins, one admin stays enabled', async () => {
    await createAdmin(rt, { email: 'b@example.test', password: PASSWORD, actor: cli });
    const results = await Promise.allSettled([
      disableAdmin(rt, { email: 'b@example.test', actor: as(TEST_ADMIN.email) }),
      disableAdmin(rt, { email: TEST_ADMIN.email, actor: as('b@example.test') }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await rt.db.adminUser.count({ where: { disabled: false } })).toBe(1);
  });

  it('disable, enable and delete are audited, end sessions, and read well in the CLI', async () => {
    await createAdmin(rt, { email: 'carol@example.test', password: PASSWORD, actor: cli });
    const claims = (await sessionClaimsFor(rt.db, 'carol@example.test'))!;
    expect(await activeSessionAdmin(rt.db, { ...claims })).not.toBeNull();

    const run = async (name: string, input: Record<string, unknown>) => findCommand(name)!.text(await runCommand(findCommand(name)!, input, { runtime: rt, actor: cli }));
    expect(await run('admin disable', { email: 'Carol@Example.test' })).toBe('Disabled admin carol@example.test; their sessions have ended.');
    expect(await activeSessionAdmin(rt.db, { ...claims })).toBeNull();
    expect(await sessionClaimsFor(rt.db, 'carol@example.test')).toBeNull();
    expect(await run('admin list', {})).toMatch(/carol@example\.test {2}DISABLED/);
    expect(await run('admin enable', { email: 'carol@example.test' })).toBe('Enabled admin carol@example.test.');
    // Enabling again does not revive sessions from before the disable.
    expect(await activeSessionAdmin(rt.db, { ...claims })).toBeNull();
    expect(await run('admin delete', { email: 'carol@example.test' })).toBe('Deleted admin carol@example.test.');
    expect((await rejection(enableAdmin(rt, { email: 'carol@example.test', actor: cli }))).code).toBe('not_found');

    const actions = (await rt.db.auditLog.findMany({ where: { target: 'carol@example.test' }, orderBy: { createdAt: 'asc' } })).map((a) => `${a.actor} ${a.action}`);
    expect(actions).toEqual(['cli:root admin.created', 'cli:root admin.disabled', 'cli:root admin.enabled', 'cli:root admin.deleted']);
  });
});
