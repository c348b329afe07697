import type { Config } from 'jest';

/** Whole-system tests against the built artefacts (npm run build first): processes, HTTP, a real browser. */
const config: Config = {
  displayName: 'e2e',
  rootDir: '..',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.spec.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@tunedesk/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@tunedesk/domain$': '<rootDir>/libs/domain/src/index.ts',
  },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 90_000,
  // One browser and a few servers at a time on a 2-core machine.
  maxWorkers: 1,
};

export default config;
