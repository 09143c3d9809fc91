/** Test and benchmark helpers for SCEP: a request-building client, a CertRep reader, identities, a fake backend. */
export {
  buildClientRequest,
  buildIssuerAndSerial,
  buildIssuerAndSubject,
  parseCertRepForClient,
  type ClientCertRep,
  type ClientRequestOptions,
  type ScepAttributeName,
} from './client';
export { createClientIdentity, createTestCa, issueForIdentity, testRsaKey, type ClientIdentity, type ClientIdentityOptions, type TestCa } from './identities';
export { FakeScepBackend, type FakeBackendOptions } from './fake-backend';
export { createHarness, sharedTestCa, FIXED_NOW, TEST_CLIENT, type Harness, type HarnessOptions } from './harness';
export { auditCertRep } from './audit';
