import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { mailboxMark, readMailbox } from '../test/mailbox.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Advance, AdvanceStatus, RepaymentInstalment } from '../advance/advance.entity.js';
import { addMonths } from '../advance/schedule.js';
import { FollowUpReport } from '../follow-up/follow-up-report.entity.js';
import { ReminderLog } from './reminder-log.entity.js';
import { dayIn } from '../minutes/french.js';

const REMIND = `mutation($b: ID!) { sendReminders(basinId: $b) }`;

let server: TestServer;
let a: TestBasin;
let operator: string;

const DAY = 86_400_000;
/** Days around today in the basin's time zone, as the reminders count them. */
const today = dayIn(new Date(), 'Europe/Paris');
const day = (offset: number) => new Date(Date.parse(today) + offset * DAY).toISOString().slice(0, 10);
const unfold = (text: string) => text.replace(/\r\n /g, '');

beforeAll(async () => {
  server = await startTestServer({ publicUrl: 'https://agrement.example.org' });
  a = await createTestBasin(server.orm.em.fork(), 'nt');
  await createTestBasin(server.orm.em.fork(), 'nu');
  operator = await signInToken(server, 'operator@nt.test', PASSWORD);
});
afterAll(() => server?.close());

describe('convocations', () => {
  it('should email everyone convened a French convocation with its .ics invitation', async () => {
    const created = await gql(
      server,
      `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      {
        input: {
          basinId: a.basin.id,
          title: "Comité d'agrément de mars",
          scheduledAt: '2026-03-12T08:30:00Z',
          location: 'CCI Grand Hainaut, salle Watteau',
          chairId: a.people.chair.id,
        },
      },
      { token: operator },
    );
    const meetingId = created.data?.createMeeting.id;
    for (const [title, minutes] of [
      ['Examen : Mécanique de précision', 40],
      ['Point sur le fonds', 20],
    ] as const) {
      await gql(
        server,
        `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id } }`,
        { m: meetingId, input: { kind: 'INFORMATION', title, allottedMinutes: minutes } },
        { token: operator },
      );
    }
    const before = mailboxMark(server.config.dataDir);
    const convened = await gql(
      server,
      `mutation($id: ID!) { conveneMeeting(id: $id) { status } }`,
      { id: meetingId },
      {
        token: operator,
      },
    );
    expect(convened.data?.conveneMeeting.status).toBe('CONVENED');
    const mails = await readMailbox(server.config.dataDir, before);
    const recipients = mails.flatMap((m) => m.to).sort();
    // the committee, the operator and the observer; not the SME leader, nobody of another basin
    expect(recipients).toEqual(
      ['chair', 'member', 'observer', 'operator', 'othermember', 'prescriber', 'thirdmember'].map(
        (k) => `${k}@nt.test`,
      ),
    );
    const forChair = mails.find((m) => m.to[0] === 'chair@nt.test')!;
    expect(forChair.subject).toBe('Convocation : Comité d’agrément de mars — jeudi 12 mars 2026 à 9 h 30');
    expect(forChair.text).toContain('Bonjour chair,');
    expect(forChair.text).toContain('Vous êtes convoqué(e)');
    expect(forChair.text).toContain('Date : jeudi 12 mars 2026, de 9 h 30 à 10 h 30 (heure de Paris)');
    expect(forChair.text).toContain('Lieu : CCI Grand Hainaut, salle Watteau');
    expect(forChair.text).toContain('1. Examen : Mécanique de précision (40 min)');
    expect(forChair.text).toContain('2. Point sur le fonds (20 min)');
    expect(forChair.text).toContain(`https://agrement.example.org/meetings/${meetingId}`);
    expect(mails.find((m) => m.to[0] === 'observer@nt.test')!.text).toContain('Vous êtes invité(e) à assister');
    for (const mail of mails) {
      const invitation = mail.attachments.find((file) => file.filename === 'invitation.ics');
      expect(invitation?.contentType).toBe('text/calendar');
      const ics = unfold(invitation!.content);
      expect(ics).toContain('METHOD:REQUEST\r\n');
      expect(ics).toContain(`UID:meeting-${meetingId}@agrement\r\n`);
      expect(ics).toContain('DTSTART:20260312T083000Z\r\n');
      expect(ics).toContain('DTEND:20260312T093000Z\r\n');
      expect(ics).toContain('ORGANIZER;CN="Agrément":mailto:no-reply@agrement.local\r\n');
      expect(ics).toContain(`:mailto:${mail.to[0]}\r\n`);
    }
  });
});

describe('reminders', () => {
  beforeAll(async () => {
    const em = server.orm.em.fork();
    const project = (title: string, decidedAt: Date) =>
      em.create(Project, {
        basin: a.basin.id,
        sme: a.sme.id,
        title,
        prescriber: a.people.prescriber.id,
        prescriberOrganisation: a.associated.id,
        status: ProjectStatus.FOLLOW_UP,
        mandatary: a.people.otherMember.id,
        decidedAt,
      });
    // the 3-month report falls due in 10 days; the other project's 3-month report is 20 days late (its 6-month one
    // is far off), and its earlier report is filed
    const dueSoon = project('Atelier de découpe', new Date(`${addMonths(day(10), -3)}T10:00:00Z`));
    const late = project('Ligne de conditionnement', new Date(`${addMonths(day(-20), -3)}T10:00:00Z`));
    const filed = project('Rapport déposé', new Date(`${addMonths(day(5), -3)}T10:00:00Z`));
    em.create(FollowUpReport, {
      project: filed,
      author: a.people.otherMember.id,
      monthsAfterDecision: 3,
      dueOn: day(5),
      submittedAt: new Date(),
    });
    const decision = em.create(Decision, {
      project: late,
      outcome: DecisionOutcome.APPROVED,
      advanceAmount: 6000,
      recordedBy: a.people.chair.id,
    });
    const advance = em.create(Advance, {
      project: late,
      decision,
      amount: 6000,
      status: AdvanceStatus.DISBURSED,
      disbursedOn: day(-100),
    });
    em.create(RepaymentInstalment, {
      advance,
      number: 1,
      dueOn: day(-40),
      amount: 1000,
      paidAmount: 1000,
      paidOn: day(-40),
    });
    em.create(RepaymentInstalment, { advance, number: 2, dueOn: day(-10), amount: 1000, paidAmount: 400 });
    em.create(RepaymentInstalment, { advance, number: 3, dueOn: day(5), amount: 1000 });
    em.create(RepaymentInstalment, { advance, number: 4, dueOn: day(40), amount: 3000 });
    await em.flush();
    void dueSoon;
  });

  it('should remind the mandatary of reports and the SME of instalments, once a day', async () => {
    const member = await signInToken(server, 'member@nt.test', PASSWORD);
    expect(codeOf(await gql(server, REMIND, { b: a.basin.id }, { token: member }))).toBe('FORBIDDEN');
    const stranger = await signInToken(server, 'operator@nu.test', PASSWORD);
    expect(codeOf(await gql(server, REMIND, { b: a.basin.id }, { token: stranger }))).toBe('NOT_FOUND');
    const before = mailboxMark(server.config.dataDir);
    const sent = await gql(server, REMIND, { b: a.basin.id }, { token: operator });
    expect(sent.data?.sendReminders).toBe(3);
    const mails = await readMailbox(server.config.dataDir, before);
    const report = (title: string) =>
      mails.find((m) => m.text.includes(`« ${title} »`) && m.subject.includes('rapport'));
    expect(report('Atelier de découpe')).toMatchObject({
      subject: 'Rappel : rapport de suivi à 3 mois — Mécanique nt',
      to: ['othermember@nt.test'],
      cc: ['operator@nt.test'],
    });
    expect(report('Atelier de découpe')!.text).toContain('dans 10 jours');
    expect(report('Ligne de conditionnement')!.subject).toBe(
      'Rappel : rapport de suivi à 3 mois — Mécanique nt (en retard)',
    );
    expect(report('Ligne de conditionnement')!.text).toContain('en retard de 20 jours');
    expect(report('Rapport déposé')).toBeUndefined();
    const instalments = mails.find((m) => m.subject.includes('l’avance'))!;
    expect(instalments).toMatchObject({
      subject: 'Rappel : remboursement en retard de l’avance — Mécanique nt',
      to: ['smeleader@nt.test', 'othermember@nt.test'],
      cc: ['operator@nt.test'],
    });
    expect(instalments.text).toContain('échéance n° 2');
    expect(instalments.text).toContain('600 € restant dus (en retard de 10 jours)');
    expect(instalments.text).toContain('échéance n° 3');
    expect(instalments.text).not.toContain('échéance n° 1 ');
    expect(instalments.text).not.toContain('échéance n° 4');
    expect(instalments.text).toContain('Total à régler : 1 600 €');

    // the same day again: nothing more
    const marked = mailboxMark(server.config.dataDir);
    expect((await gql(server, REMIND, { b: a.basin.id }, { token: operator })).data?.sendReminders).toBe(0);
    expect(await readMailbox(server.config.dataDir, marked)).toHaveLength(0);
    expect(await server.orm.em.fork().count(ReminderLog, { basin: a.basin.id })).toBe(3);
  });
});

describe('a mail server that does not answer', () => {
  it('should still convene the session, logging the failure', async () => {
    const down = await startTestServer({ smtpUrl: 'smtp://127.0.0.1:1' });
    try {
      const b = await createTestBasin(down.orm.em.fork(), 'nv');
      const token = await signInToken(down, 'operator@nv.test', PASSWORD);
      const created = await gql(
        down,
        `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
        {
          input: {
            basinId: b.basin.id,
            title: 'Séance sans courrier',
            scheduledAt: '2026-03-12T08:30:00Z',
            chairId: b.people.chair.id,
          },
        },
        { token },
      );
      const meetingId = created.data?.createMeeting.id;
      await gql(
        down,
        `mutation($m: ID!) { addAgendaItem(meetingId: $m, input: { kind: INFORMATION, title: "Budget" }) { id } }`,
        { m: meetingId },
        { token },
      );
      const convened = await gql(
        down,
        `mutation($id: ID!) { conveneMeeting(id: $id) { status } }`,
        { id: meetingId },
        { token },
      );
      expect(convened.errors).toBeUndefined();
      expect(convened.data?.conveneMeeting.status).toBe('CONVENED');
    } finally {
      await down.close();
    }
  });
});
