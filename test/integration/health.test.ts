import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as health from '../../app/api/health/route';
import { parseEnv } from '../../lib/env';
import { createRuntime, setRuntime } from '../../lib/server/runtime';
import { createTestRuntime } from '../support/test-runtime';

afterAll(() => setRuntime(undefined));

describe('/api/health', () => {
  it('reports the database and the CA', async () => {
    const rt = await createTestRuntime();
    setRuntime(rt);
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { ok: true }, ca: { present: true, sha256: (await rt.ca()).info.sha256Hex } });
    await rt.close();
  });

  it('answers 503 when the database is unreachable', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-health-'));
    const url = 'postgresql://postgres@127.0.0.1:1/nowhere';
    const rt = await createRuntime(parseEnv({ TESSERA_DATA_DIR: dataDir, TESSERA_MASTER_KEY: randomBytes(32).toString('hex'), DATABASE_URL: url }), url);
    setRuntime(rt);
    const res = await health.GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', database: { ok: false, error: 'database unreachable' }, ca: { present: false } });
    await rt.db.$disconnect();
  });
});
