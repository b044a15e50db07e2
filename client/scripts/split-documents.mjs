// After codegen: moves each operation's document out of src/gql/graphql.ts into a module of its own
// (src/gql/documents/<Name>.ts), re-exported under the same name.
//
// Why: the client preset writes every document into one module, and a bundler never splits a module, so the
// documents of all 60 pages landed in one chunk that the first page had to load (~30 KB gzipped). Re-exports are
// transparent to the bundler: each document now travels in the chunk of the page that uses it, and the code keeps
// importing from '@/gql/graphql'.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const gqlDir = fileURLToPath(new URL('../src/gql/', import.meta.url));
const typesFile = `${gqlDir}graphql.ts`;
const documentsDir = `${gqlDir}documents/`;
const DOCUMENT = /^export const (\w+(?:Document|FragmentDoc)) = (\{.*\}) as unknown as DocumentNode<([\w, ]+)>;$/;

rmSync(documentsDir, { recursive: true, force: true });
mkdirSync(documentsDir);
let moved = 0;
const lines = readFileSync(typesFile, 'utf8')
  .split('\n')
  .map((line) => {
    const match = DOCUMENT.exec(line);
    if (!match) return line;
    const [, name, document, typeArguments] = match;
    const types = typeArguments
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type !== 'unknown');
    writeFileSync(
      `${documentsDir}${name}.ts`,
      [
        '/* eslint-disable */',
        "import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';",
        ...(types.length > 0 ? [`import type { ${types.join(', ')} } from '../graphql';`] : []),
        `export const ${name} = ${document} as unknown as DocumentNode<${typeArguments}>;`,
        '',
      ].join('\n'),
    );
    moved += 1;
    return `export { ${name} } from './documents/${name}';`;
  });
if (moved === 0) throw new Error(`no document found in ${typesFile}: has the client preset changed its output?`);
writeFileSync(typesFile, lines.join('\n'));
