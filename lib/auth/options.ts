/**
 * next-auth (v4) configuration: e-mail + password for admins (scrypt hashes, throttled failures), and an optional
 * OIDC provider (Entra ID, Okta, Google…) from TESSERA_OIDC_* for organisations that want SSO. SSO only signs in
 * people who already have an admin account with the same e-mail: the identity provider proves who they are, Tessera
 * decides whether they may administer it.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '../env';
import { signInWithPassword } from '../server/admins/sign-in';
import { getRuntime } from '../server/runtime';

export const SESSION_MAX_AGE_SECONDS = 8 * 3600;

function oidcProvider() {
  const e = env();
  if (!e.TESSERA_OIDC_ISSUER || !e.TESSERA_OIDC_CLIENT_ID || !e.TESSERA_OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: 'oidc',
      name: 'Single sign-on',
      type: 'oauth' as const,
      wellKnown: `${e.TESSERA_OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: e.TESSERA_OIDC_CLIENT_ID,
      clientSecret: e.TESSERA_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'] as ('pkce' | 'state')[],
      profile(p: { sub: string; email?: string; name?: string }) {
        return { id: p.sub, email: p.email?.toLowerCase() ?? null, name: p.name ?? null };
      },
    },
  ];
}

export function oidcConfigured(): boolean {
  return oidcProvider().length > 0;
}

export const authOptions: NextAuthOptions = {
  secret: env().AUTH_SECRET ?? env().NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'E-mail and password',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const address = headers['x-forwarded-for']?.split(',')[0]?.trim() ?? null;
        const runtime = await getRuntime();
        const admin = await signInWithPassword(runtime, {
          email: String(credentials?.email ?? ''),
          password: String(credentials?.password ?? ''),
          address,
        });
        return admin ? { id: admin.id, email: admin.email, name: admin.name } : null;
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== 'oidc') return true;
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const runtime = await getRuntime();
      const admin = await runtime.db.adminUser.findUnique({ where: { email } });
      if (!admin || admin.disabled) return '/login?error=NotAnAdmin';
      await runtime.db.adminUser.update({ where: { id: admin.id }, data: { lastLoginAt: new Date() } });
      await runtime.db.auditLog.create({ data: { actor: `admin:${email}`, action: 'admin.signed_in', target: email, details: { via: 'oidc' } } });
      return true;
    },
    async jwt({ token, user }) {
      if (user?.email) token.email = user.email.toLowerCase();
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.email === 'string') session.user.email = token.email;
      return session;
    },
  },
};
