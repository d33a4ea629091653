// The layer rules of src/ (ARCHITECTURE.md, "Layer rules"), checked by `npm run lint:layers`,
// which `npm test` runs. Type-only imports count (tsPreCompilationDeps): a type names a layer as
// much as a value does. Each rule is written as what a layer may import, everything else under
// src/ being a violation.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'src/domain is pure vocabulary and logic: it imports nothing else of src/.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'policy-imports-only-domain',
      severity: 'error',
      comment: 'src/policy (law and policies as data) imports src/domain and itself only.',
      from: { path: '^src/policy/' },
      to: { path: '^src/', pathNot: '^src/(domain|policy)/' },
    },
    {
      name: 'placement-engine-is-pure',
      severity: 'error',
      comment:
        'The placement engine (src/placement) imports src/domain, itself, and the placement vocabulary of the ' +
        'policy format (src/policy/schema.ts: criteria names; src/policy/placement.ts: the parameter types, type-only). ' +
        'Never I/O, data, services or the outer layers.',
      from: { path: '^src/placement/' },
      to: { path: '^src/', pathNot: '^src/(domain|placement)/|^src/policy/(schema|placement)[.]ts$' },
    },
    {
      name: 'placement-engine-reads-policy-types-only',
      severity: 'error',
      comment:
        'The engine takes the effective placement parameters as a value; it does not compute them (type-only import).',
      from: { path: '^src/placement/' },
      to: { path: '^src/policy/placement[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      comment: 'src/config.ts (environment → Config, ConfigError) imports nothing of src/.',
      from: { path: '^src/config[.]ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'db-imports-db-domain-config',
      severity: 'error',
      comment:
        'src/db (schema, engines, tenant transaction) imports itself, src/domain (reference data) and ConfigError.',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: '^src/(db|domain)/|^src/config[.]ts$' },
    },
    {
      name: 'security-is-low-level',
      severity: 'error',
      comment: 'src/security (CPR vault, token format, issuers) imports itself, src/domain and ConfigError.',
      from: { path: '^src/security/' },
      to: { path: '^src/', pathNot: '^src/(security|domain)/|^src/config[.]ts$' },
    },
    {
      name: 'repositories-import-db-and-domain',
      severity: 'error',
      comment:
        "src/repositories read and write: they import src/db, src/domain, the placement engine's plain input records " +
        '(src/placement/inputs.ts) and each other. Never services, policy, or anything outer.',
      from: { path: '^src/repositories/' },
      to: { path: '^src/', pathNot: '^src/(repositories|db|domain)/|^src/placement/inputs[.]ts$' },
    },
    {
      name: 'services-below-http-and-web',
      severity: 'error',
      comment:
        'src/services import domain, policy, the placement engine, security, repositories and db, and each other; ' +
        'never http, web, demo or an entry point.',
      from: { path: '^src/services/' },
      to: { path: '^src/', pathNot: '^src/(services|repositories|db|domain|policy|placement|security)/' },
    },
    {
      name: 'reports-are-pure-renderers',
      severity: 'error',
      comment:
        'src/reports (a report model → HTML, PDF and SVG charts) imports src/domain, itself and the report models of ' +
        'src/services (type-only, next rule); never data, policy, security, http, web or an entry point. The routes, the ' +
        'pages and the CLI call a service for the model and a renderer for the document.',
      from: { path: '^src/reports/' },
      to: { path: '^src/', pathNot: '^src/(domain|reports)/|^src/services/(annual-report|letters)[.]ts$' },
    },
    {
      name: 'reports-read-service-models-type-only',
      severity: 'error',
      comment: 'A renderer takes the model as a value; it never runs a service (type-only import).',
      from: { path: '^src/reports/' },
      to: { path: '^src/services/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'http-and-web-call-services',
      severity: 'error',
      comment:
        'src/http and src/web (pages, sign-in, the demo identity provider) reach data through src/services only: ' +
        'never src/repositories, src/db or src/security (the database and the vault are passed around as the ' +
        "services' types).",
      from: { path: '^src/(http|web)/' },
      to: { path: '^src/(repositories|db|security)/' },
    },
    {
      name: 'http-does-not-import-web',
      severity: 'error',
      comment: 'The API does not know the pages; src/app.ts (the composition root) puts the two together.',
      from: { path: '^src/http/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'app-composition-is-wiring',
      severity: 'error',
      comment: 'src/app.ts (the composition of API and pages) is imported by the entry points only.',
      from: { path: '^src/', pathNot: '^src/cli/|^src/server[.]ts$' },
      to: { path: '^src/app[.]ts$' },
    },
    {
      name: 'web-does-not-import-http',
      severity: 'error',
      comment: 'The pages do not know the API; the input schemas both validate with are src/services/inputs.ts.',
      from: { path: '^src/web/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'http-and-web-below-entry-points',
      severity: 'error',
      comment: 'src/http and src/web do not import the demo seed or an entry point.',
      from: { path: '^src/(http|web)/' },
      to: { path: '^src/(server|runtime|app)[.]ts$|^src/(cli|demo)/' },
    },
    {
      name: 'http-and-web-get-config-from-the-entry-points',
      severity: 'error',
      comment:
        'Configuration reaches http and web as options from the entry points; only the demo identity provider ' +
        '(src/web/idp, started by src/server.ts) throws ConfigError for a busy port.',
      from: { path: '^src/(http|web)/', pathNot: '^src/web/idp/' },
      to: { path: '^src/config[.]ts$' },
    },
    {
      name: 'demo-seed-below-entry-points',
      severity: 'error',
      comment:
        'src/demo (the synthetic population and its seeding) writes through db and security like a repository of its own; ' +
        'it does not import http, web, the composition or an entry point; only entry points import it.',
      from: { path: '^src/demo/' },
      to: { path: '^src/', pathNot: '^src/(demo|db|domain|security)/' },
    },
    {
      name: 'only-entry-points-import-demo',
      severity: 'error',
      comment: 'The demo seed is wired by the entry points (src/cli, src/server.ts) only.',
      from: { path: '^src/', pathNot: '^src/(demo|cli)/|^src/server[.]ts$' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'entry-points-use-services-not-repositories',
      severity: 'error',
      comment: 'Entry points may wire the database (open, migrate, purge) but do their work through services.',
      from: { path: '^src/(cli/|(server|runtime|app)[.]ts$)' },
      to: { path: '^src/repositories/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
