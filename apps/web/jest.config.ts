import type { Config } from 'jest';
import { createCjsPreset } from 'jest-preset-angular/presets';

// rootDir is the repository root so the libs' sources resolve the same way as in the build.
const config: Config = {
  displayName: 'web',
  rootDir: '../..',
  roots: ['<rootDir>/apps/web/src'],
  ...createCjsPreset({ tsconfig: '<rootDir>/apps/web/tsconfig.spec.json' }),
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/apps/web/src/test-setup.ts'],
  moduleNameMapper: {
    '^@tunedesk/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@tunedesk/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@tunedesk/domain/dates$': '<rootDir>/libs/domain/src/dates/roc-date.ts',
  },
  testMatch: ['**/*.spec.ts'],
};

export default config;
