/** What happens after tapping "Install profile": iOS only downloads it; installing is done in Settings. */
export function InstallSteps({ manualApproval = false }: { manualApproval?: boolean }) {
  return (
    <div>
      <h2 className="text-base font-semibold">After the download</h2>
      <ol className="mt-3 list-decimal space-y-2 pl-5 text-slate-700">
        <li>Tap <strong>Allow</strong> when Safari asks to download a configuration profile, then <strong>Close</strong>.</li>
        <li>Open <strong>Settings</strong> and tap <strong>Profile Downloaded</strong> near the top (or General → VPN &amp; Device Management).</li>
        <li>Tap <strong>Install</strong> (top right), enter your device passcode, and confirm with <strong>Install</strong>.</li>
        <li>Wait until the profile shows as installed, then tap <strong>Done</strong>.</li>
      </ol>
      <p className="mt-3 text-sm text-slate-500">
        Install within a few minutes: iOS deletes a downloaded profile that is not installed after about 8 minutes. If that happens, come back to this page and download it again.
        {manualApproval ? ' An administrator must approve your certificate, so the installation may wait for up to 10 minutes.' : ''}
      </p>
    </div>
  );
}
