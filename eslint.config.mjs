import tseslint from 'typescript-eslint';

// core/ is host-agnostic: the same code runs in Forge, in the browser and in the node.
// It may not reach for a host SDK, React or Node's built-ins; capabilities are injected instead.
const hostOnlyModules = [
  { group: ['node:*'], message: 'core/ must not use Node built-ins; inject a capability through core/ports.' },
  {
    group: ['@forge/*', 'azure-devops-*', 'react', 'react-dom', 'react/*', 'fastify', 'better-sqlite3', 'pg'],
    message: 'core/ must not import host SDKs, React or servers; hosts call core, not the other way round.',
  },
  { group: ['**/hosts/**', '../hosts/*', '../../hosts/*'], message: 'core/ must not import from hosts/.' },
];
const nodeBuiltins = [
  'fs',
  'path',
  'crypto',
  'http',
  'https',
  'net',
  'os',
  'child_process',
  'url',
  'util',
  'stream',
  'events',
  'buffer',
  'zlib',
  'worker_threads',
  'vm',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      // The Asana SDK is named by a path (an exact module name), not a pattern: a pattern would also
      // refuse core's own ./asana (the tracker profile in core/trackers).
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'core/ must not use Node built-ins.' })),
            { name: 'asana', message: 'core/ must not import host SDKs; hosts call core, not the other way round.' },
          ],
          patterns: hostOnlyModules,
        },
      ],
    },
  },
);
