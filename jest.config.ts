import type { Config } from 'jest';

// ts-jest in transpile mode (tsconfig isolatedModules): types are checked by `npm run typecheck`.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] } as const;
const moduleNameMapper = {
  '^@tunedesk/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^@tunedesk/domain$': '<rootDir>/libs/domain/src/index.ts',
};

const node = (displayName: string, roots: string[], extra: Partial<Config> = {}): Config => ({
  displayName,
  rootDir: __dirname,
  roots,
  testEnvironment: 'node',
  transform: transform as unknown as Config['transform'],
  moduleNameMapper,
  testMatch: ['**/*.spec.ts'],
  ...extra,
});

const config: Config = {
  // A project's own testTimeout is not applied when jest runs several projects: hooks that boot an app or
  // migrate MariaDB get 60 s here (per-test limits still apply where a test states its own).
  testTimeout: 60_000,
  projects: [
    node('domain', ['<rootDir>/libs']),
    node('api', ['<rootDir>/apps/api', '<rootDir>/apps/worker', '<rootDir>/test', '<rootDir>/eval'], {
      // Integration suites build Nest apps on real databases; give MariaDB room.
      testTimeout: 60_000,
      setupFiles: ['<rootDir>/test/support/env.ts'],
    }),
    '<rootDir>/apps/web/jest.config.ts',
  ],
};

export default config;
