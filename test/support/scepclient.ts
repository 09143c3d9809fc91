/** Drives Debian's `scepclient` (micromdm 2.1.0): enroll into a temp dir and report exit code, output and files. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SCEPCLIENT = '/usr/bin/scepclient';
export const haveScepclient = (): boolean => existsSync(SCEPCLIENT);

export interface ScepclientRun {
  code: number | null;
  output: string;
  certificatePem: string | null;
  dir: string;
}

export interface ScepclientOptions {
  serverUrl: string;
  challenge?: string;
  cn?: string;
  /** scepclient adds O=scep-client, OU=MDM, C=US unless told otherwise; "" leaves the attribute out. */
  organization?: string;
  ou?: string;
  country?: string;
  dir?: string;
  timeoutMs?: number;
}

export function runScepclient(opts: ScepclientOptions): Promise<ScepclientRun> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'scepclient-'));
  const args = ['-server-url', opts.serverUrl, '-private-key', path.join(dir, 'client.key'), '-certificate', path.join(dir, 'client.pem'), '-cn', opts.cn ?? 'scepclient device'];
  if (opts.challenge) args.push('-challenge', opts.challenge);
  if (opts.organization !== undefined) args.push('-organization', opts.organization);
  if (opts.ou !== undefined) args.push('-ou', opts.ou);
  if (opts.country !== undefined) args.push('-country', opts.country);
  return new Promise((resolve) => {
    const child = spawn(SCEPCLIENT, args, { cwd: dir });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const certPath = path.join(dir, 'client.pem');
      resolve({ code, output, dir, certificatePem: code === 0 && existsSync(certPath) ? readFileSync(certPath, 'utf8') : null });
    });
  });
}
