/**
 * NUL, control characters and lone surrogates in any string the JSON API takes — body or query — are a 400 that
 * names the field, never a 500 from the database, never stored. Every string field of every body is tried with each
 * kind of bad character. Templates whose profile could not be built are refused when saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as certificates from '../../app/api/v1/certificates/route';
import * as revoke from '../../app/api/v1/certificates/[serial]/revoke/route';
import * as challenges from '../../app/api/v1/challenges/route';
import * as enrollmentRequestReject from '../../app/api/v1/enrollment-requests/[id]/reject/route';
import * as enrollments from '../../app/api/v1/enrollments/route';
import * as approve from '../../app/api/v1/requests/[id]/approve/route';
import * as scepSettings from '../../app/api/v1/settings/scep/route';
import * as templates from '../../app/api/v1/templates/route';
import * as template from '../../app/api/v1/templates/[id]/route';
import { setRuntime } from '../../lib/server/runtime';
import { createApiToken } from '../../lib/server/tokens/api-tokens';
import { call } from '../support/route-call';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let token: string;

const BAD: Record<string, string> = {
  NUL: '\u0000',
  ESC: '\u001b[31m',
  BEL: '\u0007',
  DEL: '\u007f',
  C1: '\u0085',
  'lone high surrogate': '\ud800',
  'lone low surrogate': '\udc00',
};

const TEMPLATE = {
  name: 'Text check',
  organization: 'Example Corp',
  identifierPrefix: 'com.example.textcheck',
  displayName: 'Example profile',
  description: 'Installs things',
  subjectTemplate: 'CN={email},O={organization}',
  sanTemplate: { rfc822Name: '{email}', ntPrincipalName: '{username}@EXAMPLE.TEST' },
  eas: { host: 'mail.example.test', domain: 'CORP' },
  wifi: { ssid: 'Corp WiFi', encryption: 'WPA2', trustedServerNames: ['radius.example.test'] },
  retries: 3,
  retryDelaySeconds: 10,
};

/** Every string leaf of a body, as [dotted path, setter]. */
function stringPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...prefix, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
  return [];
}

function withValue(body: unknown, path: string[], value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const UUID = '00000000-0000-4000-8000-000000000000';
const BODIES: { name: string; handler: unknown; params?: Record<string, string>; method?: string; body: Record<string, unknown> }[] = [
  {
    name: 'POST /api/v1/challenges',
    handler: challenges.POST,
    body: { note: 'for a kiosk', subject: 'CN=kiosk-7,O=Example Corp', sans: [{ type: 'dns', value: 'kiosk-7.example.test' }] },
  },
  { name: 'PUT /api/v1/settings/scep', handler: scepSettings.PUT, method: 'PUT', body: { identityPolicy: { emailDomains: ['example.test'], dnsSuffixes: ['example.test'] } } },
  { name: 'POST /api/v1/enrollments', handler: enrollments.POST, body: { email: 'person@example.test', username: 'person', displayName: 'A Person', template: 'Existing' } },
  { name: 'POST /api/v1/certificates/{serial}/revoke', handler: revoke.POST, params: { serial: '0a1b' }, body: { comment: 'lost phone' } },
  { name: 'POST /api/v1/requests/{id}/approve', handler: approve.POST, params: { id: UUID }, body: { reason: 'known device' } },
  { name: 'POST /api/v1/enrollment-requests/{id}/reject', handler: enrollmentRequestReject.POST, params: { id: UUID }, body: { reason: 'unknown person' } },
  { name: 'POST /api/v1/templates', handler: templates.POST, body: TEMPLATE },
];

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  token = (await createApiToken(rt, { name: 'text-input', actor: { id: 'test', sourceAddress: null } })).token;
  expect((await call(templates.POST, { method: 'POST', token, body: { ...TEMPLATE, name: 'Existing' } })).status).toBe(201);
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

describe('API strings with control characters or lone surrogates', () => {
  for (const route of BODIES) {
    for (const path of stringPaths(route.body)) {
      const field = path.join('.');
      it(`${route.name} ${field}: 400 naming the field, for each kind`, async () => {
        for (const [kind, bad] of Object.entries(BAD)) {
          const res = await call(route.handler, { method: route.method ?? 'POST', token, params: route.params, body: withValue(route.body, path, `ok${bad}ok`) });
          expect(res.status, `${kind}: ${res.text}`).toBe(400);
          expect(res.json.error.details.field, kind).toBe(field);
        }
      });
    }
  }

  it('query strings too', async () => {
    // A URL cannot carry a lone surrogate (percent-decoding turns invalid UTF-8 into U+FFFD): controls only.
    for (const [kind, bad] of Object.entries(BAD).filter(([k]) => !k.includes('surrogate'))) {
      const res = await call(certificates.GET, { token, url: `http://127.0.0.1/api/v1/certificates?q=${encodeURIComponent(`x${bad}`)}` });
      expect(res.status, kind).toBe(400);
      expect(res.json.error.details.field).toBe('q');
    }
  });

  it('multi-line free text keeps its line breaks', async () => {
    const res = await call(challenges.POST, { method: 'POST', token, body: { note: 'line one\nline two\ttabbed' } });
    expect(res.status).toBe(201);
    expect(res.json.note).toBe('line one\nline two\ttabbed');
  });

  it('a valid body still works (the table above is not refused for another reason)', async () => {
    for (const route of BODIES.filter((r) => !r.params)) {
      const res = await call(route.handler, { method: route.method ?? 'POST', token, body: route.body });
      expect(res.status, `${route.name}: ${res.text}`).toBe(route.method === 'PUT' ? 200 : 201);
    }
  });
});

describe('templates whose profile could not be built are refused when saved', () => {
  it('an SSID or a trusted server name with a line break', async () => {
    for (const [path, value] of [
      [['wifi', 'ssid'], 'Corp\nWiFi'],
      [['wifi', 'trustedServerNames', '0'], 'radius\t.example.test'],
      [['name'], 'Two\nlines'],
    ] as const) {
      const res = await call(templates.POST, { method: 'POST', token, body: withValue({ ...TEMPLATE, name: `t-${path.join('-')}` }, [...path], value) });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.details.field).toBe(path.join('.'));
    }
  });

  it('a SAN template that cannot render a valid name for anyone', async () => {
    const body = { ...TEMPLATE, name: 'bad san', sanTemplate: { rfc822Name: 'mail-for-{username}' } };
    const res = await call(templates.POST, { method: 'POST', token, body });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.details.field).toBe('sanTemplate.rfc822Name');
    expect(res.json.error.message).toMatch(/not an email address/);
  });

  it('and on update', async () => {
    const created = await call(templates.POST, { method: 'POST', token, body: { ...TEMPLATE, name: 'to update' } });
    expect(created.status).toBe(201);
    const res = await call(template.PUT, { method: 'PUT', token, params: { id: created.json.id }, body: { ...TEMPLATE, name: 'to update', wifi: { ...TEMPLATE.wifi, ssid: 'bad\u0000ssid' } } });
    expect(res.status).toBe(400);
    expect(res.json.error.details.field).toBe('wifi.ssid');
  });
});
