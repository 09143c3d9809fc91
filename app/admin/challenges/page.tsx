import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/session';
import { listChallenges } from '@/lib/server/challenges/list-challenges';
import { ENROLLMENT_STATES, listEnrollments, publicBaseUrl } from '@/lib/server/enrollments';
import { getRuntime } from '@/lib/server/runtime';
import { listTemplates } from '@/lib/server/templates';
import { Card } from '@/app/_components/card';
import { PageHeader } from '@/app/_components/page-header';
import { readSearchParams, type SearchParams } from '../_lib/page-props';
import { createChallengeAction, createEnrollmentAction } from './actions';
import { ChallengeTable } from './challenge-table';
import { CreateChallengeForm } from './create-challenge-form';
import { CreateEnrollmentForm } from './create-enrollment-form';
import { EnrollmentTable } from './enrollment-table';

export const metadata: Metadata = { title: 'Challenges & enrollments' };
export const dynamic = 'force-dynamic';

const CHALLENGE_STATES = ['unused', 'used', 'expired', 'revoked'] as const;
const pick = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => values.find((x) => x === v);

export default async function ChallengesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin('/admin/challenges');
  const sp = await readSearchParams(searchParams);
  const runtime = await getRuntime();
  const challengeState = pick(CHALLENGE_STATES, sp.state);
  const enrollmentState = pick(ENROLLMENT_STATES, sp.enrollments);
  const page = Math.max(1, Number(sp.page) || 1);
  const [challenges, enrollments, templates] = await Promise.all([
    listChallenges(runtime, { state: challengeState, page, pageSize: 25 }),
    listEnrollments(runtime, { state: enrollmentState, email: sp.email || undefined, limit: 100 }),
    listTemplates(runtime),
  ]);
  const scepUrl = `${publicBaseUrl(runtime.env)}/scep`;
  return (
    <>
      <PageHeader
        title="Challenges & enrollments"
        description="A challenge is a one-time password for one SCEP enrollment. An enrollment link gives a person a signed profile with a fresh challenge on each download."
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card id="new-enrollment" title="New enrollment link" description="For a person enrolling an iPhone, iPad or Mac.">
          <CreateEnrollmentForm action={createEnrollmentAction} templates={templates.map((t) => ({ value: t.id, label: t.isDefault ? `${t.name} (default)` : t.name }))} />
        </Card>
        <Card id="new-challenge" title="New challenge" description="For MDM servers, scripts and hand-made profiles.">
          <CreateChallengeForm action={createChallengeAction} scepUrl={scepUrl} defaultTtlSeconds={runtime.env.TESSERA_CHALLENGE_TTL_SECONDS} />
        </Card>
      </div>
      <div className="mt-6 space-y-6">
        <Card id="enrollments" title="Enrollment links" description="Newest first (up to 100).">
          <EnrollmentTable enrollments={enrollments} state={enrollmentState} email={sp.email} challengeState={challengeState} />
        </Card>
        <Card id="challenges" title="Challenges" description="Secrets are never shown again; only their state.">
          <ChallengeTable page={challenges} state={challengeState} enrollmentState={enrollmentState} />
        </Card>
      </div>
    </>
  );
}
