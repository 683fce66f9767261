// What Temporal bundles into the workflow sandbox: workflows/index.ts and every module it imports
// (type-only imports are erased by the build, so they do not count). The sandbox replays history
// deterministically: nothing it reaches may do I/O, read the clock or use Node builtins.
// Checked by `npm test` (scripts/check-imports.sh); the reachable set is computed, not listed.
const { options } = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'workflow-bundle-is-pure',
      comment:
        'Workflow code reaches only workflows/, lifecycles/, sla/, licences/ and core/ modules and the libraries made for it: do I/O in an activity.',
      severity: 'error',
      from: { path: '^workflows/index\\.ts$' },
      to: {
        reachable: true,
        pathNot:
          '^(workflows|lifecycles|sla|licences|core)/[^/]+\\.(ts|json)$|node_modules/(@temporalio/(workflow|common)|xstate|luxon|zod)/',
      },
    },
    {
      name: 'workflow-bundle-has-no-io-modules',
      comment: 'Repositories and services do I/O, wherever their folder: the workflow calls them through activities.',
      severity: 'error',
      from: { path: '^workflows/index\\.ts$' },
      to: { reachable: true, path: '\\.(repository|service|routes|starter|client)\\.ts$' },
    },
  ],
  // The main configuration's resolution, without the type-only imports the build erases.
  options: { ...options, tsPreCompilationDeps: false },
};
