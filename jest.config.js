/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest only strip types, which keeps tests fast;
    // type checking is `npm run typecheck`'s job.
    '^.+\\.ts$': 'ts-jest',
  },
  testTimeout: 20000,
};
