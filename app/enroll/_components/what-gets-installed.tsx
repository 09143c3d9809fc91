export interface Installs {
  organization: string;
  email: string;
  exchangeHost: string | null;
  wifiSsid: string | null;
}

/** The payloads of the profile in plain words, so the person knows what iOS will ask them to accept. */
export function WhatGetsInstalled({ organization, email, exchangeHost, wifiSsid }: Installs) {
  const items = [
    { title: `${organization} certificate authority`, text: 'Lets your device trust certificates issued by your organisation.' },
    { title: 'A personal device certificate', text: `Requested by your device for ${email}. Its private key never leaves the device.` },
    ...(exchangeHost ? [{ title: 'Your work e-mail account', text: `Exchange mail, calendar and contacts for ${email} (${exchangeHost}), signed in with the certificate.` }] : []),
    ...(wifiSsid ? [{ title: `Wi-Fi network “${wifiSsid}”`, text: 'Joins automatically using the certificate.' }] : []),
  ];
  return (
    <div>
      <h2 className="text-base font-semibold">What will be installed</h2>
      <ul className="mt-3 space-y-3">
        {items.map((i) => (
          <li key={i.title} className="flex gap-3">
            <span aria-hidden="true" className="mt-2 h-2 w-2 flex-none rounded-full bg-indigo-500" />
            <span>
              <span className="block font-medium">{i.title}</span>
              <span className="block text-sm text-slate-600">{i.text}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
