/**
 * The dashboard's server actions hold form fields to the same text rules as the API: a control character or NUL in
 * any field is an error next to that field, and a template whose profile could not be built is not saved.
 * (Sessions are stubbed here; admin-sessions.test.ts covers them through the real server.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setRuntime } from '../../lib/server/runtime';
import { createTestRuntime, TEST_ADMIN, type TestRuntime } from '../support/test-runtime';

vi.mock('@/lib/auth/session', () => ({
  requireAdmin: async () => ({ email: TEST_ADMIN.email, actor: { id: `admin:${TEST_ADMIN.email}`, sourceAddress: null } }),
}));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-tessera-peer-address': '192.0.2.7' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

const idle = { status: 'idle' as const, message: null, fieldErrors: {}, at: 0 };
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const TEMPLATE_FIELDS = {
  name: 'Dashboard text',
  organization: 'Example Corp',
  identifierPrefix: 'com.example.dashboardtext',
  subjectTemplate: 'CN={email}',
  'wifi.enabled': 'on',
  'wifi.ssid': 'Corp WiFi',
  'wifi.encryption': 'WPA2',
  retries: '3',
  retryDelaySeconds: '10',
};

describe('dashboard actions and unsafe text', () => {
  it('refuse a template with a control character in the SSID, next to the field, and save nothing', async () => {
    const { saveTemplateAction } = await import('../../app/admin/settings/templates/actions');
    const state = await saveTemplateAction(idle, form({ ...TEMPLATE_FIELDS, 'wifi.ssid': 'Corp\u0007WiFi' }));
    expect(state.status).toBe('error');
    expect(state.fieldErrors['wifi.ssid']).toMatch(/control characters/);
    expect(await rt.db.profileTemplate.count({ where: { name: 'Dashboard text' } })).toBe(0);
  });

  it('refuse a template whose SAN template renders no valid address', async () => {
    const { saveTemplateAction } = await import('../../app/admin/settings/templates/actions');
    const state = await saveTemplateAction(idle, form({ ...TEMPLATE_FIELDS, 'sanTemplate.rfc822Name': 'mail-{username}' }));
    expect(state.status).toBe('error');
    expect(state.fieldErrors['sanTemplate.rfc822Name']).toMatch(/not an email address/);
  });

  it('save the same template once it is clean', async () => {
    const { saveTemplateAction } = await import('../../app/admin/settings/templates/actions');
    expect((await saveTemplateAction(idle, form(TEMPLATE_FIELDS))).status).toBe('success');
  });

  it('name the field for a NUL in any form, before the database sees it', async () => {
    const { createApiTokenAction } = await import('../../app/admin/settings/actions');
    const state = await createApiTokenAction(idle, form({ name: 'ci\u0000bot' }));
    expect(state.status).toBe('error');
    expect(state.fieldErrors.name).toMatch(/U\+0000/);
  });
});
