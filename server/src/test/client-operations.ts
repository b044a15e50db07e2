import fs from 'node:fs';
import path from 'node:path';
import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  buildSchema,
  parse,
  print,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { repoRoot } from '../config.js';

/** One operation of the client, as Apollo Client sends it. */
export interface ClientOperation {
  name: string;
  file: string;
  /** The operation and the fragments it uses, with `__typename` in every selection set (Apollo's cache adds it). */
  document: DocumentNode;
  source: string;
  operation: OperationDefinitionNode;
}

/** The contract the client compiles against. */
export const contractSchema = (): GraphQLSchema =>
  buildSchema(fs.readFileSync(path.join(repoRoot, 'schema', 'schema.graphql'), 'utf8'));

function graphqlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' ? [] : graphqlFiles(full);
    return entry.name.endsWith('.graphql') ? [full] : [];
  });
}

/** Every operation in `client/src/**\/*.graphql`, each with its fragments, as the client sends it. */
export function clientOperations(): ClientOperation[] {
  const root = path.join(repoRoot, 'client', 'src');
  const files = graphqlFiles(root).map((file) => ({
    file: path.relative(root, file),
    document: parse(fs.readFileSync(file, 'utf8')),
  }));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const { document } of files)
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const used = (node: { selectionSet?: unknown }, seen = new Set<string>()): Set<string> => {
    visit(node as never, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        seen.add(name);
        const fragment = fragments.get(name);
        if (fragment) used(fragment, seen);
      },
    });
    return seen;
  };

  return files.flatMap(({ file, document }) =>
    document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => {
        const sent = withTypename({
          kind: Kind.DOCUMENT,
          definitions: [operation, ...[...used(operation)].map((name) => fragments.get(name)!)],
        });
        return {
          name: operation.name?.value ?? file,
          file,
          document: sent,
          source: print(sent),
          operation: sent.definitions[0] as OperationDefinitionNode,
        };
      }),
  );
}

/** Adds `__typename` to every selection set, as Apollo Client's cache does before sending. */
function withTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(set, _key, parent) {
      if ((parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION) return undefined;
      if (set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return {
        ...set,
        selections: [...set.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }],
      };
    },
  });
}

/** Tokens of a document as graphql's parser counts them for `maxTokens`. */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}
