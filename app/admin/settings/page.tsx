import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { MIN_PASSWORD_LENGTH } from '@/lib/secrets/password';
import { listAdminUsers } from '@/lib/server/dashboard/admin-users';
import { getAuthorities } from '@/lib/server/dashboard/authority-details';
import { probePublicUrl } from '@/lib/server/dashboard/tls-probe';
import { getScepSettingsView } from '@/lib/server/dashboard/update-scep-settings';
import { getRuntime } from '@/lib/server/runtime';
import { listTemplates } from '@/lib/server/templates';
import { listApiTokens } from '@/lib/server/tokens/api-tokens';
import { Card } from '@/app/_components/card';
import { buttonClass } from '@/app/_components/classes';
import { PageHeader } from '@/app/_components/page-header';
import { createAdminAction, createApiTokenAction, updateScepSettingsAction } from './actions';
import { AdminTable } from './admin-table';
import { AuthorityCard } from './authority-card';
import { CreateAdminForm } from './create-admin-form';
import { CreateTokenForm } from './create-token-form';
import { ScepPolicyForm } from './scep-policy-form';
import { TemplateList } from './template-list';
import { TlsCard } from './tls-card';
import { TokenTable } from './token-table';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

const SECTIONS = [
  ['ca', 'CA'],
  ['signer', 'Profile signer'],
  ['tls', 'TLS'],
  ['policy', 'SCEP policy'],
  ['templates', 'Templates'],
  ['tokens', 'API tokens'],
  ['admins', 'Admins'],
] as const;

export default async function SettingsPage() {
  const admin = await requireAdmin('/admin/settings');
  const runtime = await getRuntime();
  const [authorities, tls, policy, templates, tokens, admins] = await Promise.all([
    getAuthorities(runtime),
    probePublicUrl(runtime.env.TESSERA_PUBLIC_URL),
    getScepSettingsView(runtime),
    listTemplates(runtime),
    listApiTokens(runtime),
    listAdminUsers(runtime),
  ]);
  return (
    <>
      <PageHeader title="Settings" description="The CA and its Apple checks, SCEP policy, profile templates, API tokens and admins." />
      <nav aria-label="Settings sections" className="-mt-2 mb-6 flex flex-wrap gap-2">
        {SECTIONS.map(([id, label]) => (
          <a key={id} href={`#${id}`} className={buttonClass.small}>
            {label}
          </a>
        ))}
      </nav>
      <div className="space-y-6">
        <AuthorityCard
          id="ca"
          title="SCEP CA"
          description="Signs device certificates and SCEP replies. Devices pin it by its fingerprint."
          authority={authorities.ca}
          actions={
            <a className={buttonClass.secondary} href="/admin/settings/ca.pem" download>
              Download CA certificate
            </a>
          }
        />
        <AuthorityCard id="signer" title="Profile signer" description="Signs .mobileconfig files, so devices show them as verified." authority={authorities.profileSigner} />
        <TlsCard probe={tls} />
        <Card id="policy" title="SCEP policy" description="Applies to every enrollment from now on; certificates already issued keep their settings.">
          <ScepPolicyForm action={updateScepSettingsAction} view={policy} />
        </Card>
        <Card
          id="templates"
          title="Profile templates"
          description="What an enrollment profile contains: certificate subject, SANs, Exchange and Wi-Fi payloads."
          actions={
            <Link className={buttonClass.secondary} href="/admin/settings/templates/new">
              New template
            </Link>
          }
        >
          <TemplateList templates={templates} />
        </Card>
        <Card id="tokens" title="API tokens" description="For integrations calling /api/v1. Stored hashed; shown once.">
          <div className="space-y-5">
            <CreateTokenForm action={createApiTokenAction} />
            <TokenTable tokens={tokens} />
          </div>
        </Card>
        <Card id="admins" title="Admins" description="People who can sign in to this dashboard.">
          <div className="space-y-5">
            <AdminTable admins={admins} currentEmail={admin.email} />
            <CreateAdminForm action={createAdminAction} minPasswordLength={MIN_PASSWORD_LENGTH} />
          </div>
        </Card>
      </div>
    </>
  );
}
