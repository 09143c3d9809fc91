/**
 * The five-failures lockout holds under concurrency: every sign-in takes its place in the count (atomically, in the
 * database) before its password is checked, so a burst of parallel guesses gets no more checks than a slow one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../lib/server/admins/create-admin';
import { SignInThrottledError, signInWithPassword } from '../../lib/server/admins/sign-in';
import { SIGN_IN_FAILURES } from '../../lib/server/throttle';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
const system = { id: 'test', sourceAddress: null };

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => rt?.close());

async function admin(email: string, password: string) {
  await createAdmin(rt, { email, password, actor: system });
}

const auditCount = (target: string, action: string) => rt.db.auditLog.count({ where: { target, action } });

type Outcome = 'signed-in' | 'wrong' | 'throttled';
async function attempt(email: string, password: string, address: string | null): Promise<Outcome> {
  try {
    return (await signInWithPassword(rt, { email, password, address })) ? 'signed-in' : 'wrong';
  } catch (e) {
    if (e instanceof SignInThrottledError) return 'throttled';
    throw e;
  }
}

describe('sign-in lockout', () => {
  it('40 concurrent sign-ins, 39 of them wrong: at most five passwords are checked and the right one is not let in', async () => {
    const email = 'race@example.test';
    await admin(email, 'the right password');
    const tries = [...Array.from({ length: 39 }, (_, i) => `wrong guess ${i}`), 'the right password'];
    const outcomes = await Promise.all(tries.map((password, i) => attempt(email, password, `198.51.100.${i + 1}`)));

    expect(outcomes.at(-1)).toBe('throttled');
    expect(outcomes.filter((o) => o === 'wrong')).toHaveLength(SIGN_IN_FAILURES.limit);
    expect(outcomes.filter((o) => o === 'throttled')).toHaveLength(tries.length - SIGN_IN_FAILURES.limit);
    expect(await auditCount(email, 'admin.sign_in_failed')).toBe(SIGN_IN_FAILURES.limit);
    expect(await auditCount(email, 'admin.signed_in')).toBe(0);
  }, 60_000);

  it('still lets the owner in after a few typos, and a success starts the count again', async () => {
    const email = 'typos@example.test';
    await admin(email, 'the right password');
    for (let i = 0; i < SIGN_IN_FAILURES.limit - 1; i++) expect(await attempt(email, 'typo', '192.0.2.1')).toBe('wrong');
    expect(await attempt(email, 'the right password', '192.0.2.1')).toBe('signed-in');
    for (let i = 0; i < SIGN_IN_FAILURES.limit - 1; i++) expect(await attempt(email, 'typo', '192.0.2.1')).toBe('wrong');
    expect(await attempt(email, 'the right password', '192.0.2.1')).toBe('signed-in');
  });

  it('holds the per-address limit the same way, across accounts', async () => {
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`nobody-${i}@example.test`, 'guess', '203.0.113.77')));
    expect(outcomes.filter((o) => o === 'wrong')).toHaveLength(30);
    expect(outcomes.filter((o) => o === 'throttled')).toHaveLength(10);
  }, 60_000);
});
