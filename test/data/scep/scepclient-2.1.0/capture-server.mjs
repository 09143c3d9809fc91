// Tiny SCEP endpoint used once to capture real requests from Debian's scepclient 2.1.0 (micromdm).
// Usage: node capture-server.mjs PORT OUT_PREFIX CAPS   (CAPS: comma-separated, may be empty)
// Serves GetCACaps / GetCACert from ./ca.pem and saves every PKIOperation (POST body or decoded GET message).
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';

const [port, prefix, caps = ''] = process.argv.slice(2);
const caDer = new crypto.X509Certificate(fs.readFileSync(new URL('./ca.pem', import.meta.url))).raw;
let n = 0;
http
  .createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = (req.url ?? '').split('?')[1] ?? '';
      const op = /(?:^|&)operation=([^&]*)/.exec(raw)?.[1] ?? '';
      console.log(req.method, req.url?.slice(0, 120), req.headers['content-type'] ?? '');
      if (op === 'GetCACaps') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(caps.split(',').filter(Boolean).join('\n'));
      }
      if (op === 'GetCACert') {
        res.writeHead(200, { 'content-type': 'application/x-x509-ca-cert' });
        return res.end(caDer);
      }
      n += 1;
      if (req.method === 'POST') fs.writeFileSync(`${prefix}-${n}.der`, Buffer.concat(chunks));
      else fs.writeFileSync(`${prefix}-${n}.get-query.txt`, raw);
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('captured');
    });
  })
  .listen(Number(port), '127.0.0.1', () => console.log('listening', port));
