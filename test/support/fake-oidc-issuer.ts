/**
 * A minimal OpenID Connect issuer on loopback for sign-in tests: discovery, JWKS and a token endpoint that answers
 * any authorization code with an RS256 ID token carrying the claims the test chose. There is no login page: the
 * test plays the browser and calls Tessera's callback with a code itself.
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOidcIssuer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Claims for the next ID token (sub, email, email_verified…); iss, aud, iat and exp are added. */
  nextClaims: Record<string, unknown>;
  close(): Promise<void>;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export async function startFakeOidcIssuer(): Promise<FakeOidcIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(4).toString('hex');
  const clientId = 'tessera-test';
  const clientSecret = randomBytes(16).toString('hex');
  const state: FakeOidcIssuer = { url: '', clientId, clientSecret, nextClaims: {}, close: async () => {} };

  const idToken = () => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const payload = b64url(JSON.stringify({ iss: state.url, aud: clientId, iat: now, exp: now + 300, ...state.nextClaims }));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  };

  const server = http.createServer((req, res) => {
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', state.url).pathname;
    if (path === '/.well-known/openid-configuration') {
      return json({
        issuer: state.url,
        authorization_endpoint: `${state.url}/authorize`,
        token_endpoint: `${state.url}/token`,
        jwks_uri: `${state.url}/jwks`,
        userinfo_endpoint: `${state.url}/userinfo`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/jwks') return json({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] });
    if (path === '/token') {
      req.resume();
      return req.on('end', () => json({ access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken() }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
