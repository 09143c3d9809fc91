/**
 * Looks at the TLS certificate that devices see at TESSERA_PUBLIC_URL and runs Apple's server-certificate checks on
 * it. Certificate verification is off on purpose: the point is to report a bad certificate, not to fail on it.
 */
import tls from 'node:tls';
import { appleTrustChecks, type TrustCheck } from '../../pki/x509/apple-trust-checks';
import { describeCertificate } from '../../pki/x509/certificate-info';
import { summariseCertificate, type CertificateSummary } from './authority-details';

export const TLS_PROBE_TIMEOUT_MS = 3000;

export type TlsProbeResult =
  | { kind: 'not-configured' }
  | { kind: 'plain-http'; url: string }
  | { kind: 'unreachable'; url: string; error: string }
  | { kind: 'ok'; url: string; certificate: CertificateSummary; checks: TrustCheck[] };

/** The DER of the certificate a TLS server presents for `servername`. */
export function fetchPeerCertificate(host: string, port: number, servername: string, timeoutMs = TLS_PROBE_TIMEOUT_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const isIp = /^[\d.]+$|:/.test(servername);
    const socket = tls.connect({ host, port, servername: isIp ? undefined : servername, rejectUnauthorized: false });
    const done = (fn: () => void) => {
      clearTimeout(timer);
      socket.destroy();
      fn();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`no TLS handshake within ${timeoutMs / 1000} s`))), timeoutMs);
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate()?.raw;
      done(() => (raw?.length ? resolve(raw) : reject(new Error('the server presented no certificate'))));
    });
    socket.once('error', (e) => done(() => reject(e)));
  });
}

export async function probePublicUrl(publicUrl: string | undefined, opts: { now?: Date; timeoutMs?: number } = {}): Promise<TlsProbeResult> {
  if (!publicUrl) return { kind: 'not-configured' };
  const url = new URL(publicUrl);
  if (url.protocol === 'http:') return { kind: 'plain-http', url: publicUrl };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    const der = await fetchPeerCertificate(host, Number(url.port || 443), host, opts.timeoutMs);
    const info = describeCertificate(der);
    return { kind: 'ok', url: publicUrl, certificate: summariseCertificate(info), checks: appleTrustChecks(info, 'tls-server', opts.now ?? new Date()) };
  } catch (e) {
    return { kind: 'unreachable', url: publicUrl, error: e instanceof Error ? e.message : String(e) };
  }
}
