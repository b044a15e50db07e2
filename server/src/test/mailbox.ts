import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { mailFolder } from '../notification/mailer.js';

/** A message the server wrote as an .eml file (no SMTP in tests), parsed as a mail client would. */
export interface ReadMail {
  file: string;
  subject: string;
  to: string[];
  cc: string[];
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/** No-break spaces (French typography: "9 h 30", "15 000 €") read as plain spaces, so tests can type them. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** Every message in the server's mail folder, oldest first; `after` skips the files listed (read earlier). */
export async function readMailbox(dataDir: string, after: Set<string> = new Set()): Promise<ReadMail[]> {
  const folder = mailFolder(dataDir);
  if (!fs.existsSync(folder)) return [];
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.eml') && !after.has(f))
    .sort();
  const mails: ReadMail[] = [];
  for (const file of files) {
    const parsed = await simpleParser(fs.readFileSync(path.join(folder, file)));
    mails.push({
      file,
      subject: spaces(parsed.subject ?? ''),
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      text: spaces(parsed.text ?? ''),
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? '',
        contentType: a.contentType,
        content: a.content.toString('utf8'),
      })),
    });
  }
  return mails;
}

/** The names of the files already there: pass it to `readMailbox` to read only what comes next. */
export const mailboxMark = (dataDir: string): Set<string> =>
  new Set(fs.existsSync(mailFolder(dataDir)) ? fs.readdirSync(mailFolder(dataDir)) : []);
