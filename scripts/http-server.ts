/**
 * Tessera's HTTP server: Next.js's own request handler behind a plain `node:http` server that Tessera controls.
 * `next start` keeps a client's `X-Forwarded-For` and hides the socket's peer address, so nothing downstream could
 * tell a proxy's header from a client's. Here the peer address is written into PEER_ADDRESS_HEADER after any
 * client-sent copy is removed; lib/http/request-metadata.ts decides from it (and TESSERA_TRUSTED_PROXIES) which
 * address a request really came from.
 *
 * Run by scripts/start.ts with PORT, HOSTNAME and the database URL in the environment.
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { PEER_ADDRESS_HEADER } from '../lib/http/peer-address-header';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '0.0.0.0';

async function main(): Promise<void> {
  const app = next({ dev: false, dir: root, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    delete req.headers[PEER_ADDRESS_HEADER];
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  console.log(`[tessera] HTTP server listening on ${hostname}:${port}`);
  const close = () => server.close(() => process.exit(0));
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

main().catch((e: unknown) => {
  console.error('[tessera] HTTP server failed to start:', e);
  process.exit(1);
});
