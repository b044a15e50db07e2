import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the server's contract: each `src/**\/*.graphql` file becomes a `XxxDocument`
 * in `src/gql/graphql.ts` (generated, not committed).
 */
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: 'string' },
        skipTypename: false,
        dedupeFragments: true,
      },
    },
  },
};

export default config;
