/**
 * Single sign-on trusts the identity provider's word for the e-mail address only when the provider says it verified
 * it (`email_verified: true`): many providers let a user type any address into a profile. Through the real server
 * against a fake OIDC issuer on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOidcIssuer, type FakeOidcIssuer } from '../support/fake-oidc-issuer';
import { HttpClient } from '../support/http-client';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { TEST_ADMIN } from '../support/test-runtime';

let issuer: FakeOidcIssuer;
let server: TesseraServer;

beforeAll(async () => {
  issuer = await startFakeOidcIssuer();
  server = await startTesseraServer({ TESSERA_OIDC_ISSUER: issuer.url, TESSERA_OIDC_CLIENT_ID: issuer.clientId, TESSERA_OIDC_CLIENT_SECRET: issuer.clientSecret });
}, 240_000);
afterAll(async () => {
  await server?.stop();
  await issuer?.close();
});

/** The browser's part of an authorization-code sign-in; returns where Tessera sends it at the end. */
async function ssoSignIn(claims: Record<string, unknown>): Promise<{ client: HttpClient; location: URL }> {
  issuer.nextClaims = { sub: 'idp-user-1', ...claims };
  const client = new HttpClient(server.url);
  const { csrfToken } = (await client.request('/api/auth/csrf')).json<{ csrfToken: string }>();
  const started = await client.request('/api/auth/signin/oidc', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/admin', json: 'true' }).toString(),
  });
  const authorize = new URL(started.json<{ url: string }>().url);
  expect(authorize.origin).toBe(issuer.url);
  const back = await client.request(`/api/auth/callback/oidc?code=test-code&state=${encodeURIComponent(authorize.searchParams.get('state')!)}`);
  expect(back.status).toBe(302);
  return { client, location: new URL(back.headers.location!, server.url) };
}

const hasSession = async (c: HttpClient) => (await c.request('/api/v1/certificates')).status === 200;

describe('OIDC sign-in', () => {
  it.each([
    ['false', false],
    ['missing', undefined],
    ['the string "true"', 'true'],
  ])('refuses an admin’s e-mail when email_verified is %s', async (_label, emailVerified) => {
    const { client, location } = await ssoSignIn({ email: TEST_ADMIN.email, ...(emailVerified === undefined ? {} : { email_verified: emailVerified }) });
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('error')).toBe('EmailNotVerified');
    expect(await hasSession(client)).toBe(false);
  });

  it('signs in an admin whose e-mail the provider verified', async () => {
    const { client, location } = await ssoSignIn({ email: TEST_ADMIN.email.toUpperCase(), email_verified: true });
    expect(location.pathname).toBe('/admin');
    expect(await hasSession(client)).toBe(true);
  });

  it('still refuses a verified e-mail that is no admin', async () => {
    const { client, location } = await ssoSignIn({ email: 'someone@example.test', email_verified: true });
    expect(location.searchParams.get('error')).toBe('NotAnAdmin');
    expect(await hasSession(client)).toBe(false);
  });
});
