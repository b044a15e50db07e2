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
 * One graphql for everybody: vite would give our sources graphql's ES build ("module") while type-graphql, Apollo
 * and graphql-ws load its CommonJS build through Node, and graphql refuses objects from "another realm". Node itself
 * (npm start) resolves both to the CommonJS build.
 */
const oneGraphql = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] };

export default defineConfig({
  plugins: [decorators],
  resolve: oneGraphql,
  test: {
    // Each file starts its own server on its own database, so files run in parallel safely.
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        plugins: [decorators],
        resolve: oneGraphql,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'] },
      },
      {
        plugins: [decorators],
        resolve: oneGraphql,
        test: { name: 'integration', include: ['src/**/*.int.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
    ],
  },
});
