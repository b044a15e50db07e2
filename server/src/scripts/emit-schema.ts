/**
 * Writes the schema the server serves to `schema/schema.graphql`, or with `--check` fails when the committed file
 * differs (run by `npm run check`). Usage: node server/dist/scripts/emit-schema.js [--check] <file>
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../schema.js';
import { createAppPubSub } from '../pubsub.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const file = path.resolve(args.find((a) => a !== '--check') ?? 'schema/schema.graphql');
const pubSub = createAppPubSub(null);
const schema = await buildAppSchema(pubSub);
const printed = `# Emitted by the server (npm run schema:emit). Do not edit: change the resolvers instead.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;

if (check) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== printed) {
    process.stderr.write(
      `${path.relative(process.cwd(), file)} is stale: run \`npm run schema:emit\` and commit it.\n`,
    );
    process.exit(1);
  }
  process.stdout.write('schema is up to date\n');
} else {
  fs.writeFileSync(file, printed);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
await pubSub.close();
