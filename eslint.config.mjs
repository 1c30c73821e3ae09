// Lint: typescript-eslint's recommended rules, plus the house rule that keeps the language
// service platform-neutral (it must run in a web worker): no Node built-ins, no process,
// no timers in server/src/service.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.vscode-test/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Everything the web bundles reach besides the service: the LSP adapter, the Worker
    // entry, the client's shared code, and the web tests. A Node built-in here breaks vscode.dev.
    files: ['server/src/server.ts', 'server/src/protocol.ts', 'server/src/version.ts', 'server/src/browser/**/*.ts', 'client/src/*.ts', 'test/web/suite/**/*.ts'],
    // The desktop's own files: they start a Node process.
    ignores: ['client/src/node.ts', 'client/src/serverProcess.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeModules.map((name) => ({ name, message: 'This code also runs in a browser (vscode.dev): no Node built-ins.' })) },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'This code also runs in a browser (vscode.dev): no process.' },
        { name: 'Buffer', message: 'This code also runs in a browser (vscode.dev): no Buffer.' },
        { name: '__dirname', message: 'This code also runs in a browser (vscode.dev).' },
      ],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeModules.map((name) => ({ name, message: 'The language service is platform-neutral: no Node built-ins.' })),
          patterns: [{ group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode'], message: 'The service knows no connection: use vscode-languageserver-types.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The language service is platform-neutral: no process.' },
        { name: 'setTimeout', message: 'The language service has no timers: scheduling is the server\'s job.' },
        { name: 'setInterval', message: 'The language service has no timers.' },
        { name: 'Buffer', message: 'The language service is platform-neutral: no Buffer.' },
        { name: 'require', message: 'Use imports.' },
        { name: '__dirname', message: 'The language service is platform-neutral.' },
      ],
    },
  },
  // The service's folders are layers: text <- header <- features, diagnostics, work <- ao3,
  // progress <- index.ts. A folder imports from below, never from above (and nothing inside
  // the service imports its facade).
  ...layer('text', ['header', 'features', 'diagnostics', 'work', 'ao3', 'progress']),
  ...layer('header', ['features', 'diagnostics', 'work', 'ao3', 'progress']),
  ...layer('diagnostics', ['features', 'ao3', 'progress']),
  ...layer('features', ['ao3', 'progress']),
  ...layer('work', ['ao3', 'progress']),
);

function layer(folder, above) {
  return [
    {
      files: [`server/src/service/${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              ...nodeModules.map((name) => ({ name, message: 'The language service is platform-neutral: no Node built-ins.' })),
              ...['..', '../index'].map((name) => ({ name, message: 'Nothing inside the service imports its facade.' })),
            ],
            patterns: [
              { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode'], message: 'The service knows no connection: use vscode-languageserver-types.' },
              {
                group: [...above.map((f) => `../${f}`), ...above.map((f) => `../${f}/*`)],
                message: `${folder}/ is below ${above.join(', ')}: move the shared piece down instead.`,
              },
            ],
          },
        ],
      },
    },
  ];
}
