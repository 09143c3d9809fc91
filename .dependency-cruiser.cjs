/**
 * Import boundaries (npm run lint:deps, run by .ci/run before the tests). The shape of the house:
 *   app → lib/server → lib/store, lib/scep, lib/pki, lib/profile;  lib/scep, lib/profile → lib/pki.
 * lib/scep, lib/pki, lib/profile (and lib/validation, the zod input rules they share) are framework-free: no Next, no Prisma, no server or storage code. lib/pki is the
 * one place that touches ASN.1 bytes. (That they read no process.env is checked by scripts/check-process-env.mjs.)
 *
 * Parsed with @swc/core: TypeScript 7 has no compiler API for dependency-cruiser 16 to use, and its swc parser reads
 * .ts but not .tsx, so React components and pages (app/**.tsx) are not cruised; lib/, cli/, scripts/ and app's route
 * handlers are.
 */
const PURE = '^lib/(scep|pki|profile|validation)/';
const ASN1_LIBRARIES = '^node_modules/(asn1js|@peculiar/asn1-[a-z]+|node-forge)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-libraries-stay-framework-free',
      comment: 'lib/scep, lib/pki and lib/profile never import Next, Prisma, lib/server, lib/store, lib/http, lib/auth or app/.',
      severity: 'error',
      from: { path: PURE },
      to: { path: ['^node_modules/(next|next-auth|@prisma/[^/]+|prisma)/', '^lib/(server|store|http|auth)/', '^app/', '^lib/env\\.ts$'] },
    },
    {
      name: 'scep-imports-only-pki',
      comment: 'The SCEP protocol library builds on lib/pki and nothing else in lib/.',
      severity: 'error',
      from: { path: '^lib/scep/' },
      to: { path: '^lib/', pathNot: '^lib/(scep|pki)/' },
    },
    {
      name: 'profile-imports-only-pki',
      comment: 'Profile signing goes through lib/pki/cms; besides lib/pki, lib/profile uses only the pure input rules of lib/validation.',
      severity: 'error',
      from: { path: '^lib/profile/' },
      to: { path: '^lib/', pathNot: '^lib/(profile|pki|validation)/' },
    },
    {
      name: 'pki-is-the-bottom',
      comment: 'lib/pki depends on no other part of lib/.',
      severity: 'error',
      from: { path: '^lib/pki/' },
      to: { path: '^lib/', pathNot: '^lib/pki/' },
    },
    {
      name: 'asn1-only-in-pki',
      comment: 'Only lib/pki reads or writes ASN.1 (test support may, to build odd fixtures).',
      severity: 'error',
      from: { path: '^(lib|app|cli|scripts)/', pathNot: '^lib/pki/' },
      to: { path: ASN1_LIBRARIES },
    },
    {
      name: 'no-test-support-in-production',
      comment: 'Production code never imports test/ or e2e/.',
      severity: 'error',
      from: { path: '^(lib|app|cli|scripts)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|e2e)/' },
    },
    {
      name: 'prisma-client-only-in-store',
      comment: 'Only lib/store imports the generated Prisma client.',
      severity: 'error',
      from: { path: '^', pathNot: '^lib/store/' },
      to: { path: '^lib/store/generated/' },
    },
  ],
  options: {
    doNotFollow: { path: ['^node_modules/', '^lib/store/generated/'] },
    exclude: { path: ['^\\.next/', '\\.tsx$'] },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
