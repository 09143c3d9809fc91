/**
 * A small HTTP client for tests against a real Tessera (test/support/tessera-server.ts): a cookie jar, any header
 * (Host, Origin, Sec-Fetch-Site, X-Forwarded-* — which fetch() may refuse or rewrite), and a chosen local address,
 * so a test can be "a reverse proxy at 127.0.0.2" and "a client at 127.0.0.1" against one server.
 */
import http from 'node:http';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = any>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Leave the cookie jar out of this request. */
  noCookies?: boolean;
}

export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly opts: { localAddress?: string } = {},
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  request(path: string, o: RequestOptions = {}): Promise<HttpResponse> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { ...o.headers };
    if (!o.noCookies && this.cookies.size > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === 'cookie')) headers.cookie = this.cookieHeader();
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: o.method ?? 'GET', headers, localAddress: this.opts.localAddress, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            for (const line of res.headers['set-cookie'] ?? []) {
              const [pair] = line.split(';');
              const eq = pair!.indexOf('=');
              const name = pair!.slice(0, eq).trim();
              const value = pair!.slice(eq + 1).trim();
              if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (o.body !== undefined) req.write(o.body);
      req.end();
    });
  }

  /**
   * Signs in through next-auth's credentials endpoint, as the login form does. Returns next-auth's error code
   * (e.g. "CredentialsSignin", or the throttle message) or null on success.
   */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<string | null> {
    const csrf = await this.request('/api/auth/csrf', { headers });
    const { csrfToken } = csrf.json<{ csrfToken: string }>();
    const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: '/admin', json: 'true' }).toString();
    const res = await this.request('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    const url = new URL(res.json<{ url: string }>().url, this.baseUrl);
    return url.searchParams.get('error') ?? (this.cookies.has('next-auth.session-token') ? null : `HTTP ${res.status}`);
  }
}
