import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { typeset } from '../minutes/french.js';

export interface MailAddress {
  name: string;
  email: string;
}

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  /** e.g. `text/calendar; charset=utf-8; method=REQUEST`. */
  contentType: string;
}

export interface MailMessage {
  to: MailAddress[];
  cc?: MailAddress[];
  subject: string;
  /** Plain text: every message reads well in any client, and in an .eml file. */
  text: string;
  attachments?: MailAttachment[];
}

export interface SentMail {
  messageId: string;
  /** The .eml file written, when there is no SMTP server. */
  file: string | null;
}

/** Sends the platform's messages: through SMTP when `SMTP_URL` is set, else into .eml files a person can open. */
export interface Mailer {
  readonly transport: 'smtp' | 'folder';
  readonly from: MailAddress;
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

/** Where messages are written without SMTP: `DATA_DIR/mail`. */
export const mailFolder = (dataDir: string): string => path.join(dataDir, 'mail');

/** "Agrément <no-reply@agrement.local>" → name and address. */
export function parseAddress(text: string): MailAddress {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(text);
  if (match) return { name: match[1]?.trim() ?? '', email: match[2] ?? '' };
  return { name: '', email: text.trim() };
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);

const asAddress = (a: MailAddress) => ({ name: a.name, address: a.email });

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>, logger: Logger): Mailer {
  const from = parseAddress(config.mailFrom);
  const folder = mailFolder(config.dataDir);
  // A mail server that does not answer fails within seconds, not nodemailer's default minutes: convening waits for it.
  const transporter = config.smtpUrl
    ? nodemailer.createTransport({
        url: config.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    transport: config.smtpUrl ? 'smtp' : 'folder',
    from,
    async send(message) {
      const info = await transporter.sendMail({
        from: asAddress(from),
        to: message.to.map(asAddress),
        cc: message.cc?.map(asAddress),
        // every message is French official text: its typography is set here, once for all
        subject: typeset(message.subject),
        text: typeset(message.text),
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      });
      const recipients = message.to.length + (message.cc?.length ?? 0);
      if (config.smtpUrl) {
        logger.info('mail sent', { subject: message.subject, recipients, messageId: info.messageId });
        return { messageId: info.messageId, file: null };
      }
      await fs.mkdir(folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(folder, `${stamp}-${slug(message.subject)}-${randomBytes(3).toString('hex')}.eml`);
      await fs.writeFile(file, (info as unknown as { message: Buffer }).message);
      logger.info('mail written', { subject: message.subject, recipients, file });
      return { messageId: info.messageId, file };
    },
    close() {
      transporter.close();
    },
  };
}
