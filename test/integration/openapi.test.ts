/** /api/v1/openapi.json describes exactly the API routes that exist, method by method. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as openapi from '../../app/api/v1/openapi.json/route';

const apiDir = path.join(process.cwd(), 'app', 'api', 'v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []));
}

describe('OpenAPI document', () => {
  it('lists every /api/v1 route and method, and nothing that does not exist', async () => {
    const doc = (await openapi.GET().json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const actual: string[] = [];
    for (const file of routeFiles(apiDir)) {
      const rel = path.relative(apiDir, path.dirname(file)).split(path.sep).join('/');
      if (rel === 'openapi.json') continue;
      const p = `/${rel}`.replace(/\[(\w+)\]/g, '{$1}');
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === 'function') actual.push(`${m.toLowerCase()} ${p}`);
    }
    const described = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(described.sort()).toEqual(actual.sort());
    const create = doc.paths['/challenges']!.post as { requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } } };
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['ttlSeconds', 'approval', 'note']));
  });
});
