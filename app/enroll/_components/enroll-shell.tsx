/** The frame of every /enroll page: narrow, readable on a 375 px phone, organisation name on top. */
export function EnrollShell({ organization, children }: { organization?: string; children: React.ReactNode }) {
  return (
    <main className="mx-auto w-full max-w-md px-5 py-8 sm:py-12">
      {organization ? <p className="text-sm font-medium uppercase tracking-wide text-slate-500">{organization}</p> : null}
      <div className="mt-2 space-y-6">{children}</div>
    </main>
  );
}

export function Card({ children }: { children: React.ReactNode }) {
  return <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">{children}</section>;
}

const buttonBase =
  'block w-full rounded-xl px-5 py-4 text-center text-lg font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2';

export function PrimaryLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} className={`${buttonBase} bg-indigo-600 text-white hover:bg-indigo-700 focus-visible:outline-indigo-600`}>
      {children}
    </a>
  );
}

export function SecondaryLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} className="font-medium text-indigo-700 underline underline-offset-4 hover:text-indigo-900 focus-visible:rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600">
      {children}
    </a>
  );
}
