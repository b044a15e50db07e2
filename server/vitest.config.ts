import { createRequire } from 'node:module';
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

/**
 * One graphql for everyone: Node loads graphql's CommonJS build for Apollo, type-graphql and our compiled code, but
 * Vite would hand our sources its ES build, and graphql refuses a schema built by the other copy
 * ("Cannot use GraphQLObjectType from another module or realm").
 */
const resolve = { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] };

export default defineConfig({
  plugins: [decorators],
  resolve,
  test: {
    // Each file starts its own server on its own database, so files run in parallel safely.
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        plugins: [decorators],
        resolve,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'] },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Every file starts its own server on its own database and shares no state: importing the server once per
          // worker instead of once per file takes the suite from about 4.5 to 2.7 minutes on the 2-core CI machine.
          isolate: false,
        },
      },
    ],
  },
});
