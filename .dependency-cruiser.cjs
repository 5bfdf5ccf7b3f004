/**
 * The house's layering, kept by a tool rather than by memory (docs/architecture.md draws it).
 * `npm run lint` runs it over core/, hosts/, manifests/, scripts/ and test/; test/layering proves that each
 * rule fails on a planted violation.
 *
 * The tracker folders: each holds one tracker's adapter, change intake, emulator and consoles.
 */
const trackers = '(jira-cloud|jira-server|azure-devops|asana)';

/** What is never shipped: emulators, their kit, and the tests. */
const emulatorOrTest = '(^hosts/emulator-kit/|^hosts/[^/]+/emulator/|^test/|\\.test\\.tsx?$|/testing/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files that import each other in a loop cannot be read, tested or moved one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-host',
      comment: 'core/ is the same code in Forge, in the browser and in the node; hosts call core, never the reverse.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(hosts|scripts|manifests|test)/' },
    },
    {
      name: 'core-rules-do-not-call-back-into-sync',
      comment: 'An incoming change runs one way: sync runs the scripts (rules), rules read the replica; rules never reach back into sync.',
      severity: 'error',
      from: { path: '^core/rules/' },
      to: { path: '^core/sync/' },
    },
    {
      name: 'core-replica-stands-below-sync-and-rules',
      comment: 'The replica (its schema, parsing, hash and echo marks) is what sync and rules share; it imports neither.',
      severity: 'error',
      from: { path: '^core/replica/' },
      to: { path: '^core/(sync|rules)/' },
    },
    {
      name: 'only-the-node-imports-the-node',
      comment: 'hosts/node is the server. The other hosts (the Forge app, the consoles, the adapters) run without it; their tests may start one.',
      severity: 'error',
      from: { path: '^hosts/', pathNot: '^hosts/node/|\\.test\\.tsx?$' },
      to: { path: '^hosts/node/' },
    },
    {
      name: 'trackers-do-not-import-each-other',
      comment: 'One tracker folder never reaches into another; what two trackers share lives in a kit below both.',
      severity: 'error',
      from: { path: `^hosts/${trackers}/` },
      to: { path: `^hosts/${trackers}/`, pathNot: '^hosts/$1/' },
    },
    {
      name: 'console-kit-imports-no-host',
      comment: 'The console kit is below every console: it imports core and browser libraries, no host and no server.',
      severity: 'error',
      from: { path: '^hosts/console-kit/' },
      to: { path: '^(hosts/(?!console-kit/)|scripts/|test/)' },
    },
    {
      name: 'console-kit-uses-no-node-built-ins',
      comment: 'The console kit runs in a browser.',
      severity: 'error',
      from: { path: '^hosts/console-kit/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shipped-code-imports-no-emulator-or-test',
      comment: 'Emulators and tests are for the sandbox and the suite; nothing deployed may depend on them.',
      severity: 'error',
      from: { path: '^(core|hosts|manifests)/', pathNot: emulatorOrTest },
      to: { path: emulatorOrTest },
    },
    {
      name: 'emulators-import-no-test',
      comment: 'The sandbox serves the emulators too; the suite’s checks (test/spec, harnesses) stand on emulators, never the other way round.',
      severity: 'error',
      from: { path: '^hosts/(emulator-kit/|[^/]+/emulator/)', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^test/' },
    },
    {
      name: 'emulators-do-not-import-each-other',
      comment: 'Each emulator stands on the emulator kit, never on another tracker’s emulator.',
      severity: 'error',
      from: { path: '^hosts/([^/]+)/emulator/', pathNot: '^hosts/(jira-cloud|jira-server)/emulator/' },
      to: { path: '^hosts/[^/]+/emulator/', pathNot: '^hosts/$1/emulator/' },
    },
    {
      name: 'jira-emulators-share-only-the-jira-family',
      comment: 'Jira Cloud and Jira Server speak one REST family; their emulators share its kit and nothing else.',
      severity: 'error',
      from: { path: '^hosts/(jira-cloud|jira-server)/emulator/' },
      to: { path: '^hosts/[^/]+/emulator/', pathNot: '^hosts/($1|jira-rest)/emulator/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage|reports|\\.stryker-tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
