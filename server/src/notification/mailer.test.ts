import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { ConfigError, loadConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createMailer, mailFolder, parseAddress } from './mailer.js';

const lines: string[] = [];
const logger: Logger = {
  info: (m, f) => lines.push(JSON.stringify({ m, ...f })),
  warn: (m, f) => lines.push(JSON.stringify({ m, ...f })),
  error: (m, f) => lines.push(JSON.stringify({ m, ...f })),
};
const received: { from: string; to: string[]; data: string; user: string | undefined }[] = [];
let smtp: SMTPServer;
let port: number;

beforeAll(async () => {
  smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) =>
      auth.username === 'agrement' && auth.password === 's3cret-pass'
        ? callback(null, { user: auth.username })
        : callback(new Error('bad credentials')),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

describe('the mailer', () => {
  it('should send through SMTP when SMTP_URL is set, never logging its password', async () => {
    const config = loadConfig({
      SMTP_URL: `smtp://agrement:s3cret-pass@127.0.0.1:${port}`,
      MAIL_FROM: 'CCI <cci@example.org>',
    });
    const mailer = createMailer(config, logger);
    expect(mailer.transport).toBe('smtp');
    const sent = await mailer.send({
      to: [{ name: 'Élise Martin', email: 'elise@example.org' }],
      cc: [{ name: 'Opérateur', email: 'cci-copy@example.org' }],
      subject: 'Convocation : séance du 12 mars',
      text: 'Bonjour Élise,',
      attachments: [
        {
          filename: 'invitation.ics',
          content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
          contentType: 'text/calendar; method=REQUEST',
        },
      ],
    });
    mailer.close();
    expect(sent.file).toBeNull();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      from: 'cci@example.org',
      to: ['elise@example.org', 'cci-copy@example.org'],
      user: 'agrement',
    });
    expect(received[0]!.data).toContain('invitation.ics');
    expect(lines.join('\n')).not.toContain('s3cret-pass');
  });

  it('should write readable .eml files under DATA_DIR/mail without SMTP', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-mail-'));
    const mailer = createMailer(loadConfig({ DATA_DIR: dataDir }), logger);
    expect(mailer.transport).toBe('folder');
    expect(mailer.from).toEqual({ name: 'Agrément', email: 'no-reply@agrement.local' });
    const sent = await mailer.send({
      to: [{ name: 'A', email: 'a@example.org' }],
      subject: 'Rappel : échéance',
      text: 'Bonjour',
    });
    expect(sent.file?.startsWith(mailFolder(dataDir))).toBe(true);
    const raw = fs.readFileSync(sent.file!, 'utf8');
    expect(raw).toContain('\r\n');
    expect(raw).toMatch(/^To: A <a@example.org>/m);
    expect(lines.some((l) => l.includes(sent.file!))).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('should refuse a bad SMTP_URL or MAIL_FROM at start, without echoing the URL', () => {
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org:25?password=hunter2' })).toThrow(ConfigError);
    try {
      loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example.org' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(loadConfig({ MAIL_FROM: 'cci@example.org' }).mailFrom).toBe('cci@example.org');
  });

  it('should read a sender written as "Name <address>"', () => {
    expect(parseAddress('Agrément <no-reply@agrement.local>')).toEqual({
      name: 'Agrément',
      email: 'no-reply@agrement.local',
    });
    expect(parseAddress('"CCI Grand Hainaut" <cci@example.org>')).toEqual({
      name: 'CCI Grand Hainaut',
      email: 'cci@example.org',
    });
    expect(parseAddress('cci@example.org')).toEqual({ name: '', email: 'cci@example.org' });
  });
});
