/** Profile templates: the default derived from the CA and public URL, and create/update with field-named errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZProfileTemplateInputSchema } from '../../lib/profile/template-schema';
import { setRuntime } from '../../lib/server/runtime';
import {
  createTemplate,
  defaultTemplateConfig,
  getDefaultTemplate,
  identifierPrefixFor,
  listTemplates,
  organizationFromSubject,
  updateTemplate,
} from '../../lib/server/templates';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
const actor = { id: 'test:admin', sourceAddress: null };
const base = { organization: 'Example Corp', identifierPrefix: 'com.example.tessera' };

beforeAll(async () => {
  rt = await createTestRuntime({ TESSERA_PUBLIC_URL: 'https://tessera.example.com/' });
  setRuntime(rt);
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

describe('default template', () => {
  it('derives organisation and identifier prefix', () => {
    expect(organizationFromSubject('CN=Tessera Test CA,O=Tessera Tests')).toBe('Tessera Tests');
    expect(organizationFromSubject('CN=Tessera Enrollment CA')).toBe('Tessera');
    expect(identifierPrefixFor('https://tessera.example.com')).toBe('com.example.tessera');
    expect(identifierPrefixFor('https://PKI.Example.co.uk:8443/base')).toBe('uk.co.example.pki');
    expect(identifierPrefixFor('http://localhost:3000')).toBe('local.tessera');
    expect(identifierPrefixFor('http://127.0.0.1:3999')).toBe('local.tessera');
    const config = defaultTemplateConfig({ TESSERA_PUBLIC_URL: undefined, PORT: 3000 }, 'CN=X,O=Acme');
    expect(ZProfileTemplateInputSchema.parse(config)).toEqual(config);
    expect([config.eas, config.wifi, config.retries, config.retryDelaySeconds]).toEqual([null, null, 3, 10]);
  });

  it('is created once on first use (also under concurrent first uses) and listed first', async () => {
    const rows = await Promise.all([getDefaultTemplate(rt), getDefaultTemplate(rt), getDefaultTemplate(rt)]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    const list = await listTemplates(rt);
    expect(list[0]).toMatchObject({ name: 'Default', isDefault: true, config: { organization: 'Tessera Tests', identifierPrefix: 'com.example.tessera', subjectTemplate: 'CN={email}', sanTemplate: { rfc822Name: '{email}' }, eas: null } });
  });
});

describe('create and update', () => {
  it('creates with retries defaulting to the auto policy; a duplicate name is a conflict', async () => {
    const t = await createTemplate(rt, { body: { name: 'Staff', ...base }, actor });
    expect(t.config).toMatchObject({ retries: 3, retryDelaySeconds: 10, subjectTemplate: 'CN={email}', eas: null, wifi: null });
    await expect(createTemplate(rt, { body: { name: 'Staff', ...base }, actor })).rejects.toMatchObject({ code: 'conflict', details: { field: 'name' } });
  });

  it('names the offending field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'A', ...base, identifierPrefix: 'not reverse dns' }, 'identifierPrefix'],
      [{ name: 'A', ...base, organization: '' }, 'organization'],
      [{ name: 'A', ...base, eas: { host: 'https://mail.example.com/' } }, 'eas.host'],
      [{ name: 'A', ...base, wifi: { ssid: 'x'.repeat(33), encryption: 'WPA2' } }, 'wifi.ssid'],
      [{ name: 'A', ...base, subjectTemplate: 'CN={nope}' }, 'subjectTemplate'],
    ];
    for (const [input, field] of cases) {
      await expect(createTemplate(rt, { body: input, actor }), field).rejects.toMatchObject({ code: 'validation', details: { field } });
    }
  });

  it('replaces the config, moves the default, refuses to unset the only default, 404s unknown ids', async () => {
    const t = await createTemplate(rt, { body: { name: 'Contractors', ...base }, actor });
    const updated = await updateTemplate(rt, { id: t.id, body: { name: 'Contractors', ...base, eas: { host: 'mail.example.com' }, isDefault: true }, actor });
    expect(updated).toMatchObject({ isDefault: true, config: { eas: { host: 'mail.example.com', ssl: true } } });
    expect((await getDefaultTemplate(rt)).id).toBe(t.id);
    expect((await listTemplates(rt)).filter((x) => x.isDefault)).toHaveLength(1);
    await expect(updateTemplate(rt, { id: t.id, body: { name: 'Contractors', ...base, isDefault: false }, actor })).rejects.toMatchObject({ details: { field: 'isDefault' } });
    await expect(updateTemplate(rt, { id: t.id, body: { name: 'Staff', ...base }, actor })).rejects.toMatchObject({ code: 'conflict' });
    await expect(updateTemplate(rt, { id: '00000000-0000-4000-8000-000000000000', body: { name: 'Z', ...base }, actor })).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateTemplate(rt, { id: 'nope', body: { name: 'Z', ...base }, actor })).rejects.toMatchObject({ code: 'not_found' });
  });
});
