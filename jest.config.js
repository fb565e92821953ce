/**
 * Packages that ship only ES modules (apollo-upload-client and what it imports, jose): Jest's
 * module system cannot require them as Node 20.19 does, so it compiles them to CommonJS.
 */
const esmOnlyPackages = ['apollo-upload-client', 'extract-files', 'is-plain-obj', 'jose'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // The client examples are written as a frontend writes them (ES modules, bundler
    // resolution: examples/client/tsconfig.json); ts-jest compiles them to CommonJS.
    '/(examples/client|test/clients)/.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/examples/client/tsconfig.json' }],
    // tsconfig's isolatedModules makes ts-jest only strip types, which keeps tests fast;
    // type checking is `npm run typecheck`'s job.
    '^.+\\.ts$': 'ts-jest',
    // So the examples, their upload link and Apollo Client share one CommonJS copy of @apollo/client.
    [`/node_modules/(${esmOnlyPackages.join('|')})/.+\\.m?js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'esnext', moduleResolution: 'bundler' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  // Installs (or says how to install) what the suites need before any runs: redis-server.
  globalSetup: '<rootDir>/test/setup/prerequisites.cjs',
  testTimeout: 20000,
};
