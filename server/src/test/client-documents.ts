import fs from 'node:fs';
import path from 'node:path';
import { type DefinitionNode, type FragmentDefinitionNode, Kind, parse, print, visit } from 'graphql';
import { repoRoot } from '../config.js';

/**
 * The client's own GraphQL documents (`client/src/**\/*.graphql`), so that tests ask exactly what the screens ask.
 */
function readAll(folder: string): DefinitionNode[] {
  const definitions: DefinitionNode[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) definitions.push(...readAll(full));
    else if (entry.name.endsWith('.graphql')) definitions.push(...parse(fs.readFileSync(full, 'utf8')).definitions);
  }
  return definitions;
}

let cache: DefinitionNode[] | null = null;
const definitions = () => (cache ??= readAll(path.join(repoRoot, 'client', 'src')));

/** One named operation of the client with every fragment it uses, printed as a document. */
export function clientOperation(name: string): string {
  const all = definitions();
  const operation = all.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`no client operation named ${name}`);
  const fragments = new Map(
    all.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const needed = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`no client fragment named ${name}`);
        if (!needed.has(name)) {
          needed.set(name, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return [operation, ...needed.values()].map((d) => print(d)).join('\n\n');
}
