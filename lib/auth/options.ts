/**
 * next-auth (v4) configuration: e-mail + password for admins (scrypt hashes, throttled failures), and an optional
 * OIDC provider (Entra ID, Okta, Google…) from TESSERA_OIDC_* for organisations that want SSO. SSO only signs in
 * people who already have an admin account with the same e-mail, and only when the provider says it verified that
 * e-mail (`email_verified: true`): the identity provider proves who they are, Tessera decides whether they may
 * administer it.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '../env';
import { safeCallbackPath } from './callback-path';
import { incomingRequestMetadata, requestMetadata } from '../http/request-metadata';
import { activeSessionAdmin, endAdminSessions, sessionClaimsFor } from '../server/admins/admin-session';
import { signInWithPassword } from '../server/admins/sign-in';
import { recordAudit } from '../server/audit/record-audit';
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
        const runtime = await getRuntime();
        // next-auth hands authorize() the request headers as a plain object.
        const { address } = requestMetadata((req?.headers ?? {}) as Record<string, string | undefined>, runtime.env);
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
    // next-auth's default keeps any same-origin string, tabs and newlines included (an off-site hop, or a 500).
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
    async signIn({ user, account, profile }) {
      if (account?.provider !== 'oidc') return true;
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const runtime = await getRuntime();
      const { address } = await incomingRequestMetadata(runtime.env);
      // Many providers let people type any address into their profile: only a verified one names an admin.
      if ((profile as { email_verified?: unknown } | undefined)?.email_verified !== true) {
        await recordAudit(runtime.db, { id: 'anonymous', sourceAddress: address }, 'admin.sign_in_failed', email, { via: 'oidc', reason: 'e-mail not verified by the identity provider' });
        return '/login?error=EmailNotVerified';
      }
      const admin = await runtime.db.adminUser.findUnique({ where: { email } });
      if (!admin || admin.disabled) return '/login?error=NotAnAdmin';
      await runtime.db.adminUser.update({ where: { id: admin.id }, data: { lastLoginAt: new Date() } });
      await recordAudit(runtime.db, { id: `admin:${email}`, sourceAddress: address }, 'admin.signed_in', email, { via: 'oidc' });
      return true;
    },
    async jwt({ token, user }) {
      // Only at sign-in (user is set): bind the token to the admin row and its current session version.
      if (user?.email) {
        const email = user.email.toLowerCase();
        const claims = await sessionClaimsFor((await getRuntime()).db, email);
        return { email, ...(claims ?? {}) };
      }
      return token;
    },
    async session({ session, token }) {
      // Every use of a session (getServerSession, /api/auth/session) checks the admin row again.
      const admin = await activeSessionAdmin((await getRuntime()).db, token);
      return admin ? { ...session, user: { email: admin.email, name: admin.name } } : { expires: session.expires };
    },
  },
  events: {
    // Signing out ends every session of this admin, so a copied cookie dies with the one signed out.
    async signOut({ token }) {
      const runtime = await getRuntime();
      const admin = await activeSessionAdmin(runtime.db, token ?? {});
      if (!admin) return;
      await endAdminSessions(runtime.db, admin.adminId, admin.sessionVersion);
      const { address } = await incomingRequestMetadata(runtime.env);
      await recordAudit(runtime.db, { id: `admin:${admin.email}`, sourceAddress: address }, 'admin.signed_out', admin.email);
    },
  },
};
