/** For visitors not on an iPhone/iPad: the profile must be downloaded on the device that will use it. */
export function QrHandoff({ qrDataUrl, url }: { qrDataUrl: string; url: string }) {
  return (
    <div>
      <h2 className="text-base font-semibold">Open this page on your iPhone or iPad</h2>
      <p className="mt-2 text-slate-600">
        The profile installs only on the device that downloads it. Scan this code with the iPhone or iPad camera, then follow the steps there in Safari.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- an inline data: SVG, nothing to optimise */}
      <img src={qrDataUrl} alt={`QR code for ${url}`} width={224} height={224} className="mx-auto mt-4 h-56 w-56 rounded-lg bg-white p-2 ring-1 ring-slate-200" />
      <p className="mt-3 break-all text-center text-xs text-slate-500">{url}</p>
    </div>
  );
}
