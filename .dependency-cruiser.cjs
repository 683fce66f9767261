// The import rules of docs/architecture.md, checked by `npm test` (scripts/check-imports.sh).
// Type-only imports count here: a circle of types is still a circle for the reader.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Two modules that import each other are one module in two files: move the shared part to a third.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing-of-ours',
      comment: 'core/ holds what every folder may use (errors, times, trees); it depends on no feature.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(?!core/)[^/]+/[^/]+\\.(ts|js)$' },
    },
    {
      name: 'routes-call-services',
      comment: 'A route translates HTTP to a service call and back: queries and models are reached through a service.',
      severity: 'error',
      from: { path: '\\.routes\\.ts$' },
      to: { path: '\\.(repository|models)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'repositories-below-services',
      comment: 'A repository holds queries; it calls no service and knows nothing of HTTP.',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '(\\.service\\.ts|\\.routes\\.ts|^api/|^runtime/)' },
    },
    {
      name: 'domain-knows-no-http',
      comment:
        'Services, repositories and pure domain modules are called by the API, the worker and scripts alike: they import no Express and nothing of api/.',
      severity: 'error',
      from: { pathNot: '^(api|runtime|test|bench|scripts)/|\\.routes\\.ts$|^[^/]+\\.(ts|js|cjs)$' },
      to: { path: '^api/|node_modules/express/' },
    },
    {
      name: 'web-reads-only-pure-modules',
      comment:
        'The web UI bundles what it imports: from the server side it may take profiles, schemas and pure helpers, never a module doing I/O.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: {
        path: '(\\.(repository|service|routes)\\.ts|^(db|api|runtime|activities|analytics|config)/)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { pathNot: '^(test|bench)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.data|coverage|test-artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
