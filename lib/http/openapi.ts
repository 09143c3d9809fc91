/**
 * The OpenAPI 3.1 description of /api/v1, assembled from the same zod schemas the routes validate with
 * (z.toJSONSchema), so the document cannot drift from the validation. test/integration/openapi.test.ts checks that
 * every route file and method is described and nothing else is.
 */
import { z } from 'zod';
import { ZCreateChallengeSchema } from '../server/challenges/create-challenge';
import { ZListChallengesSchema } from '../server/challenges/list-challenges';
import { ZListCertificatesSchema, ZRevokeSchema } from '../server/certificates/certificates';
import { ZListRequestsSchema } from '../server/requests/list-scep-requests';
import { ZDecisionSchema } from '../server/requests/decide-scep-request';
import { ZScepSettingsPatchSchema } from '../server/scep/patch-scep-settings';

export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  status?: number;
  responses?: Record<string, string>;
}

const ERR = { $ref: '#/components/responses/Error' };

export const OPERATIONS: OperationSpec[] = [
  { method: 'post', path: '/challenges', summary: 'Create a one-time SCEP challenge (the secret is returned once).', body: ZCreateChallengeSchema, status: 201 },
  { method: 'get', path: '/challenges', summary: 'List challenges by state (unused, used, expired, revoked).', query: ZListChallengesSchema },
  { method: 'delete', path: '/challenges/{id}', summary: 'Revoke an unused challenge.', responses: { '409': 'already used or revoked' } },
  { method: 'get', path: '/requests', summary: 'List SCEP requests by status.', query: ZListRequestsSchema },
  { method: 'post', path: '/requests/{id}/approve', summary: 'Approve a pending SCEP request; the device receives the certificate on its next poll.', body: ZDecisionSchema, responses: { '409': 'already decided or expired' } },
  { method: 'post', path: '/requests/{id}/reject', summary: 'Reject a pending SCEP request; the device receives FAILURE on its next poll.', body: ZDecisionSchema, responses: { '409': 'already decided or expired' } },
  { method: 'get', path: '/certificates', summary: 'Search issued certificates by subject, SAN or serial; filter by status.', query: ZListCertificatesSchema },
  { method: 'get', path: '/certificates/{serial}', summary: 'One certificate as JSON, or as PEM with Accept: application/x-pem-file.' },
  { method: 'post', path: '/certificates/{serial}/revoke', summary: 'Revoke a certificate.', body: ZRevokeSchema, responses: { '409': 'already revoked' } },
  { method: 'get', path: '/settings/scep', summary: 'The SCEP policy in effect (`{settings, legacyForcedByEnv}`): identity policy for unbound challenges, renewal window, validity, ciphers.' },
  {
    method: 'put',
    path: '/settings/scep',
    summary: 'Change the SCEP policy: the fields given replace the stored ones (identityPolicy field by field); answers like GET.',
    body: ZScepSettingsPatchSchema,
  },
];

/** Routes described by other modules (enrollments, templates…) register here. */
const extra: OperationSpec[] = [];
export function registerOperations(ops: OperationSpec[]): void {
  for (const op of ops) if (!extra.some((e) => e.method === op.method && e.path === op.path)) extra.push(op);
}

function schemaOf(s: z.ZodType): unknown {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
}

export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...OPERATIONS, ...extra]) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = op.query
      ? Object.entries(op.query.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: schemaOf(s as z.ZodType) }))
      : [];
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      parameters: [...params, ...queryParams],
      ...(op.body ? { requestBody: { required: false, content: { 'application/json': { schema: schemaOf(op.body) } } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'OK', content: { 'application/json': {} } },
        '400': ERR,
        '401': ERR,
        ...(params.length ? { '404': ERR } : {}),
        ...Object.fromEntries(Object.entries(op.responses ?? {}).map(([code, description]) => [code, { ...ERR, description }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tessera API', version: '1', description: 'Challenges, approvals, enrollments and certificates for integrators. Authenticate with `Authorization: Bearer <token>` (create tokens in the dashboard or with `tessera token create`).' },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      responses: {
        Error: {
          description: 'Error',
          content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } }, required: ['code', 'message'] } } } } },
        },
      },
    },
  };
}
