/** Operations of the enrollment, template and self-service routes, registered into the OpenAPI document. */
import type { z } from 'zod';
import { ZCreateEnrollmentSchema, ZListEnrollmentsSchema } from '../server/enrollments';
import { ZListEnrollmentRequestsSchema, ZRejectEnrollmentRequestSchema } from '../server/enrollment-requests';
import { ZTemplateBodySchema } from '../server/templates';
import { registerOperations } from './openapi';

registerOperations([
  { method: 'post', path: '/enrollments', summary: 'Create an enrollment link for a person: /enroll/{token} offers a signed profile with a fresh one-time challenge.', body: ZCreateEnrollmentSchema, status: 201 },
  { method: 'get', path: '/enrollments', summary: 'List enrollments (`{enrollments}`).', query: ZListEnrollmentsSchema as unknown as z.ZodObject },
  { method: 'get', path: '/enrollments/{id}', summary: 'One enrollment.' },
  { method: 'delete', path: '/enrollments/{id}', summary: 'Revoke an enrollment link (and the unused challenges it minted).', responses: { '409': 'already revoked' } },
  { method: 'get', path: '/enrollments/{id}/profile', summary: 'Download the signed .mobileconfig for an enrollment (counts as a download).', responses: { '410': 'link used up, expired or revoked' } },
  { method: 'get', path: '/enrollment-requests', summary: 'Self-service enrollment requests (`{requests}`).', query: ZListEnrollmentRequestsSchema as unknown as z.ZodObject },
  { method: 'post', path: '/enrollment-requests/{id}/approve', summary: "Approve a self-service request: the person's page then offers the profile.", responses: { '409': 'already decided' } },
  { method: 'post', path: '/enrollment-requests/{id}/reject', summary: 'Reject a self-service request.', body: ZRejectEnrollmentRequestSchema, responses: { '409': 'already decided' } },
  { method: 'get', path: '/templates', summary: 'Profile templates (`{templates}`).' },
  { method: 'post', path: '/templates', summary: 'Create a profile template.', body: ZTemplateBodySchema, status: 201 },
  { method: 'get', path: '/templates/{id}', summary: 'One profile template.' },
  { method: 'put', path: '/templates/{id}', summary: 'Replace a profile template.', body: ZTemplateBodySchema },
]);
