/**
 * `process.env` is read in lib/env.ts only (the environment is parsed once, with zod); every other module in lib/
 * receives values. dependency-cruiser sees imports, not globals, so this check does the rest of npm run lint:deps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ALLOWED = new Set(['lib/env.ts']);
const SKIP = /^lib\/store\/generated\//;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield p;
  }
}

const offenders = [];
for (const file of files('lib')) {
  if (ALLOWED.has(file) || SKIP.test(file)) continue;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (/\bprocess\.env\b/.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
}
if (offenders.length) {
  console.error(`process.env is read outside lib/env.ts:\n${offenders.join('\n')}`);
  process.exit(1);
}
console.log('process.env: read only in lib/env.ts');
