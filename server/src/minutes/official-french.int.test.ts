import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import {
  approveProject,
  ok,
  openWithQuorum,
  prepareSession,
  signInAll,
  type PreparedSession,
  type Who,
} from '../test/committee-session.js';
import { pdfText } from '../test/pdf-text.js';
import { Civility, Person } from '../person/person.entity.js';
import { Decision } from '../decision/decision.entity.js';

/**
 * The official French of the generated documents, read back from the PDFs as a person (or a screen reader) gets
 * them: "1er" for the first of a month, elision before a vowel, a no-break space before « : ; ? ! », the decimal
 * comma, and titles agreed with the person ("Présidente").
 */

const NBSP = '\u00a0';
let server: TestServer;
let a: TestBasin;
let tokens: Record<Who, string>;
let session: PreparedSession;

/**
 * What a reader extracts. The embedded font draws a no-break space with the glyph of a space, so a reader cannot tell
 * them apart in the file (the no-break character itself is held by `french.test.ts`, on the text given to the
 * writer); here a space must stand before high punctuation and inside amounts, where French wants it.
 */
const download = async (path: string, token: string) => {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = await pdfText(bytes);
  return { text, drawn: text };
};

/** A colon, semicolon, question or exclamation mark after a letter or an ordinary space: French wants a no-break space. */
const BARE_HIGH_PUNCTUATION = /(?:\p{L}|\d)[:;?!](?=\s|$)/u;
/** A no-break space as the reader sees it. */
const GAP = '[ \u00a0]';
const drawnAs = (text: string) => new RegExp(text.split(NBSP).join(GAP));

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'fr');
  const em = server.orm.em.fork();
  const chair = await em.findOneOrFail(Person, a.people.chair.id);
  chair.firstName = 'Isabelle';
  chair.civility = Civility.MADAME;
  (await em.findOneOrFail(Person, a.people.member.id)).civility = Civility.MONSIEUR;
  await em.flush();
  tokens = await signInAll(server, 'fr');
  // held on the first of a month, in the past (signatures cannot be dated in the future)
  session = await prepareSession(server, a, {
    title: 'Ligne de trempe',
    scheduledAt: new Date('2026-11-01T09:30:00Z'),
  });
  await openWithQuorum(server, a, tokens, session.meetingId);
  await approveProject(server, a, tokens, session, { ballot: 'NAMED', advance: 12000 });
  await ok(server, tokens.chair, `mutation($id: ID!) { closeMeeting(id: $id, deferUntreated: true) { status } }`, {
    id: session.meetingId,
  });
});
afterAll(() => server?.close());

describe('the French of the official documents', () => {
  it('should write the minutes with "1er", elision, no-break spaces, the decimal comma and "Présidente"', async () => {
    const { text, drawn } = await download(`/files/minutes/${session.meetingId}.pdf`, tokens.operator);
    expect(text).toContain('Procès-verbal de la séance du dimanche 1er novembre 2026');
    expect(text).not.toMatch(/\b1 novembre/);
    expect(text).toContain('sous la présidence d’Isabelle fr');
    expect(text).not.toContain('de Isabelle');
    expect(text).toMatch(/Présidente de séance : +Isabelle fr/);
    expect(text).toContain('Isabelle fr (Partner fr) — présente');
    expect(text).toContain('Other partner fr — 2,5 j');
    expect(text).not.toMatch(/\d\.\d/);
    // what the PDF draws: no-break spaces before the colon and in amounts and day counts
    expect(drawn).toMatch(drawnAs(`Présidente de séance${NBSP}:`));
    expect(drawn).toMatch(drawnAs(`Décision${NBSP}:`));
    expect(drawn).toMatch(drawnAs(`12${NBSP}000${NBSP}€`));
    expect(drawn).toMatch(drawnAs(`2,5${NBSP}j`));
    expect(drawn).not.toMatch(BARE_HIGH_PUNCTUATION);
  });

  it('should write the convention the same way, its chair agreed as "Présidente du comité"', async () => {
    // the decision as made on the session's day (the tests' clock is not the session's)
    const em = server.orm.em.fork();
    const decision = await em.findOneOrFail(Decision, { project: session.projectId });
    decision.decidedAt = new Date('2026-11-01T11:00:00Z');
    await em.flush();
    const today = new Date().toISOString().slice(0, 10);
    const convention = await ok(
      server,
      tokens.operator,
      `query($p: ID!) { cooperationConvention(projectId: $p) { signatures { id } } }`,
      { p: session.projectId },
    );
    for (const signature of convention.cooperationConvention.signatures as { id: string }[]) {
      await ok(
        server,
        tokens.operator,
        `mutation($id: ID!, $on: String!) { recordSignature(signatureId: $id, signedOn: $on) { id } }`,
        { id: signature.id, on: today },
      );
    }
    const { text, drawn } = await download(`/files/conventions/${session.projectId}.pdf`, tokens.smeleader);
    expect(text).toContain('SIGNÉE par toutes les parties');
    expect(text).toContain('Isabelle fr — Présidente du comité d’agrément (Partner fr)');
    expect(text).toContain('Approuvée par le comité d’agrément le : dimanche 1er novembre 2026');
    expect(text).toContain('Ressources humaines — Recruteur 2,5 j');
    expect(text).not.toMatch(/\d\.\d/);
    expect(drawn).toMatch(drawnAs(`Montant${NBSP}:`));
    expect(drawn).toMatch(drawnAs(`12${NBSP}000${NBSP}€`));
    expect(drawn).toMatch(drawnAs(`2,5${NBSP}j`));
    expect(drawn).not.toMatch(BARE_HIGH_PUNCTUATION);
  });
});
