import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/** swc emits the decorator metadata that type-graphql and MikroORM read. */
const decorators = swc.vite({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
});

export default defineConfig({
  plugins: [decorators],
  test: {
    // Each file starts its own server on its own database, so files run in parallel safely.
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        plugins: [decorators],
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'] },
      },
      {
        plugins: [decorators],
        test: { name: 'integration', include: ['src/**/*.int.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
    ],
  },
});
