// The client's own GraphQL documents (client/src/**/*.graphql): a benchmark sends exactly what the screens send.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, visit } from 'graphql';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function readAll(folder) {
  const definitions = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) definitions.push(...readAll(full));
    else if (entry.name.endsWith('.graphql')) definitions.push(...parse(fs.readFileSync(full, 'utf8')).definitions);
  }
  return definitions;
}

let cache = null;

/** One named operation of the client with every fragment it uses, printed as a document. */
export function clientOperation(name) {
  cache ??= readAll(path.join(root, 'client', 'src'));
  const operation = cache.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`no client operation named ${name}`);
  const fragments = new Map(cache.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const needed = new Map();
  const collect = (node) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment) throw new Error(`no client fragment named ${spread.name.value}`);
        if (!needed.has(spread.name.value)) {
          needed.set(spread.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return [operation, ...needed.values()].map((d) => print(d)).join('\n\n');
}
