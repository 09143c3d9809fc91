import Link from 'next/link';

export default function Home() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Tessera</h1>
      <p className="mt-3 text-slate-600">
        Certificate enrollment for Apple devices: an SCEP server, signed configuration profiles with Exchange and Wi-Fi
        payloads, and approvals for the requests that need a person.
      </p>
      <ul className="mt-8 space-y-3">
        <li>
          <Link className="font-medium text-indigo-700 underline-offset-4 hover:underline" href="/admin">
            Admin dashboard
          </Link>
          <span className="text-slate-500"> — challenges, enrollments, approvals, certificates, SCEP log</span>
        </li>
        <li>
          <Link className="font-medium text-indigo-700 underline-offset-4 hover:underline" href="/enroll/request">
            Request a device certificate
          </Link>
          <span className="text-slate-500"> — for people enrolling an iPhone or iPad</span>
        </li>
      </ul>
      <p className="mt-12 text-sm text-slate-500">
        SCEP endpoint: <code className="rounded bg-slate-200 px-1">/scep</code> (also <code className="rounded bg-slate-200 px-1">/cgi-bin/pkiclient.exe</code>)
      </p>
    </main>
  );
}
