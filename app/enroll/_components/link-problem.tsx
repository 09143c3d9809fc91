import { LINK_PROBLEMS, type LinkProblem } from '../_lib/link-problems';
import { Card, EnrollShell } from './enroll-shell';

export function LinkProblemView({ problem, organization }: { problem: LinkProblem; organization?: string }) {
  const p = LINK_PROBLEMS[problem];
  return (
    <EnrollShell organization={organization}>
      <Card>
        <h1 className="text-xl font-semibold">{p.title}</h1>
        <p className="mt-2 text-slate-600">{p.text}</p>
      </Card>
    </EnrollShell>
  );
}
