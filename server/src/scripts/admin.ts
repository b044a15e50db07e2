/**
 * Administration from the command line, on the database the server uses (same configuration, same migrations).
 * Usage: npm run admin -- create-network-head <email> [--name "First Last"]
 *        npm run admin -- verify-audit [basin id or slug]
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config.js';
import { initORM } from '../db/orm.js';
import { createLogger } from '../logger.js';
import { AppError } from '../errors.js';
import { createNetworkHead } from '../administration/basins.service.js';
import { Basin } from '../basin/basin.entity.js';
import { isUuid } from '../common/ids.js';
import { allChains, verifyChain } from '../audit/audit.service.js';

const HELP = `Agrément administration

Usage:
  npm run admin -- create-network-head <email> [--name "First Last"]
      Creates the programme's national head (reads and administers every basin, creates basins) and prints a
      one-time link (valid 7 days) to set their password. Refuses an email that already has an account.
  npm run admin -- verify-audit [basin]
      Verifies the audit trail's hash chains (one basin's, by id or slug, or every chain) from their first entry,
      and prints each chain's head and length, or its first broken entry and why. Exit code 3 when one is broken.
  npm run admin -- --help
      Shows this help.

The command uses the server's configuration (DATABASE_URL, PUBLIC_URL…) and applies pending migrations first.
`;

/** Splits "First Last" (or "First Middle Last") into first and last names; one word is both. */
export function splitName(name: string | undefined, email: string): { firstName: string; lastName: string } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    const local = email.split('@')[0] ?? email;
    return { firstName: local, lastName: local };
  }
  if (words.length === 1) return { firstName: words[0]!, lastName: words[0]! };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 1;
  }
  if (command === 'verify-audit') return verifyAudit(rest[0]);
  if (command !== 'create-network-head') {
    process.stderr.write(`Unknown command: ${command}\n\n${HELP}`);
    return 1;
  }
  const nameAt = rest.indexOf('--name');
  const name = nameAt >= 0 ? rest[nameAt + 1] : undefined;
  const email = rest.find((arg, i) => !arg.startsWith('--') && (nameAt < 0 || i !== nameAt + 1));
  if (!email || (nameAt >= 0 && !name)) {
    process.stderr.write(`create-network-head needs an email (and a name after --name).\n\n${HELP}`);
    return 1;
  }
  const config = loadConfig();
  const orm = await initORM(config);
  try {
    const { person, link } = await createNetworkHead({ config, logger: createLogger(true) }, orm.em.fork(), {
      email,
      ...splitName(name, email),
    });
    process.stdout.write(
      [
        `National head created: ${person.firstName} ${person.lastName} <${person.email}>`,
        '',
        'Send them this one-time link to set their password (valid 7 days):',
        `  ${link}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      const code = String(error.extensions.code);
      const why = code === 'DUPLICATE_EMAIL' ? `an account already uses ${email}: nothing was created` : error.message;
      process.stderr.write(`Refused (${code}): ${why}\n`);
      return 2;
    }
    throw error;
  } finally {
    await orm.close();
  }
}

/** `verify-audit [basin]`: 0 when every chain verifies, 3 when one is broken, 2 when the basin is unknown. */
async function verifyAudit(basinArg: string | undefined): Promise<number> {
  const orm = await initORM(loadConfig());
  try {
    const em = orm.em.fork();
    let chains: { chain: string; label: string }[];
    if (basinArg) {
      const basin = await em.findOne(Basin, isUuid(basinArg) ? { id: basinArg } : { slug: basinArg });
      if (!basin) {
        process.stderr.write(`No basin ${basinArg}\n`);
        return 2;
      }
      chains = [{ chain: basin.id, label: `${basin.name} (${basin.slug})` }];
    } else {
      const basins = new Map((await em.find(Basin, {})).map((b) => [b.id, `${b.name} (${b.slug})`]));
      chains = (await allChains(em)).map((chain) => ({ chain, label: basins.get(chain) ?? chain }));
    }
    let broken = 0;
    for (const { chain, label } of chains) {
      const result = await verifyChain(em, chain);
      if (result.ok) {
        process.stdout.write(
          `OK      ${label}: ${result.length} entries, head #${result.headSeq} ${result.headHash}\n`,
        );
      } else {
        broken += 1;
        const where = result.broken!;
        process.stdout.write(
          `BROKEN  ${label}: entry #${where.seq}${where.entryId ? ` (${where.entryId})` : ''}: ${where.reason}; ` +
            `${result.length} entries verify before it; head #${result.headSeq}\n`,
        );
      }
    }
    if (chains.length === 0) process.stdout.write('The audit trail is empty.\n');
    return broken > 0 ? 3 : 0;
  } finally {
    await orm.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof ConfigError
        ? `Configuration error: ${error.message}`
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
