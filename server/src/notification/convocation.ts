import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { buildCalendar } from '../calendar/ics.js';
import { agendaLines, meetingEnd, meetingEvent, meetingLink } from '../calendar/meeting-event.js';
import { agreed, frenchDate, frenchTime, fullName } from '../minutes/french.js';
import type { MailAddress, MailMessage } from './mailer.js';

/** The roles convened: the committee (members, chair), the operators who run it, and the steering committee's observers. */
const CONVENED_ROLES = [Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.OPERATOR, Role.OBSERVER];

export interface Recipient {
  person: Person;
  /** Members and the chair are convened; operators and observers are invited. */
  sits: boolean;
}

/** Everyone a session's convocation goes to, by name. */
export async function recipientsOf(em: EntityManager, basinId: string): Promise<Recipient[]> {
  const memberships = await em.find(
    Membership,
    { basin: basinId, role: { $in: CONVENED_ROLES } },
    { populate: ['person'] },
  );
  const byPerson = new Map<string, Recipient>();
  for (const m of memberships) {
    const entry = byPerson.get(m.person.id) ?? { person: m.person.getEntity(), sits: false };
    entry.sits ||= m.role === Role.CHAIR || m.role === Role.MEMBER;
    byPerson.set(m.person.id, entry);
  }
  return [...byPerson.values()].sort(
    (x, y) =>
      x.person.lastName.localeCompare(y.person.lastName, 'fr') ||
      x.person.firstName.localeCompare(y.person.firstName, 'fr'),
  );
}

/** One person's convocation, in French, with the invitation for their calendar. */
export function convocationMessage(
  app: Pick<App, 'config' | 'mailer'>,
  meeting: Meeting,
  items: AgendaItem[],
  basin: Basin,
  chair: Person | null,
  recipient: Recipient,
): MailMessage {
  const tz = basin.timezone;
  const day = frenchDate(meeting.scheduledAt, tz);
  const start = frenchTime(meeting.scheduledAt, tz);
  const end = frenchTime(meetingEnd(meeting, items), tz);
  const link = meetingLink(app.config.publicUrl, meeting.id);
  const to: MailAddress = { name: fullName(recipient.person), email: recipient.person.email };
  const text = [
    `Bonjour ${recipient.person.firstName},`,
    '',
    recipient.sits
      ? `Vous êtes ${agreed('convened', recipient.person.civility)} à la séance du comité d'agrément du bassin ${basin.name} :`
      : `Vous êtes ${agreed('invited', recipient.person.civility)} à assister à la séance du comité d'agrément du bassin ${basin.name} :`,
    '',
    `  ${meeting.title}`,
    `  Date : ${day}, de ${start} à ${end} (heure de Paris)`,
    `  Lieu : ${meeting.location || 'à préciser'}`,
    ...(chair ? [`  ${agreed('presidentOfSession', chair.civility)} : ${fullName(chair)}`] : []),
    '',
    'Ordre du jour :',
    ...agendaLines(items).map((line) => `  ${line}`),
    '',
    'Les dossiers (diagnostics préalables) sont consultables avant la séance, sur sa page :',
    link,
    '',
    ...(recipient.sits
      ? [
          "En cas d'empêchement, merci de déclarer votre absence ou de donner procuration à un membre d'une autre",
          'organisation depuis cette même page.',
          '',
        ]
      : []),
    "L'invitation jointe (invitation.ics) ajoute la séance à votre agenda.",
    '',
    'Agrément — comités ALIZÉ',
  ].join('\n');
  const invitation = buildCalendar({
    method: 'REQUEST',
    events: [
      {
        ...meetingEvent(meeting, items, basin, app.config.publicUrl),
        organizer: app.mailer.from,
        attendees: [to],
      },
    ],
  });
  return {
    to: [to],
    subject: `Convocation : ${meeting.title} — ${day} à ${start}`,
    text,
    attachments: [
      { filename: 'invitation.ics', content: invitation, contentType: 'text/calendar; charset=utf-8; method=REQUEST' },
    ],
  };
}

/** What a later message tells the members of a session they were convened to. */
export type MeetingChange = 'RESCHEDULED' | 'CANCELLED';

/**
 * One person's notice that a convened session changed: rescheduled (a new invitation: same UID, higher SEQUENCE,
 * which calendars apply over the first) or cancelled (METHOD:CANCEL, STATUS:CANCELLED, which calendars remove).
 */
export function changeMessage(
  app: Pick<App, 'config' | 'mailer'>,
  meeting: Meeting,
  items: AgendaItem[],
  basin: Basin,
  recipient: Recipient,
  change: MeetingChange,
): MailMessage {
  const tz = basin.timezone;
  const day = frenchDate(meeting.scheduledAt, tz);
  const start = frenchTime(meeting.scheduledAt, tz);
  const end = frenchTime(meetingEnd(meeting, items), tz);
  const to: MailAddress = { name: fullName(recipient.person), email: recipient.person.email };
  const cancelled = change === 'CANCELLED';
  const text = [
    `Bonjour ${recipient.person.firstName},`,
    '',
    cancelled
      ? `La séance du comité d'agrément du bassin ${basin.name} à laquelle vous étiez ${agreed('convened', recipient.person.civility)} est annulée :`
      : `La séance du comité d'agrément du bassin ${basin.name} à laquelle vous êtes ${agreed('convened', recipient.person.civility)} change :`,
    '',
    `  ${meeting.title}`,
    `  Date : ${day}, de ${start} à ${end} (heure de Paris)`,
    `  Lieu : ${meeting.location || 'à préciser'}`,
    ...(cancelled && meeting.cancellationReason ? ['', `Motif : ${meeting.cancellationReason}`] : []),
    '',
    cancelled
      ? "L'annulation jointe (annulation.ics) retire la séance de votre agenda."
      : "L'invitation jointe (invitation.ics) met à jour la séance dans votre agenda.",
    ...(cancelled ? [] : ['', meetingLink(app.config.publicUrl, meeting.id)]),
    '',
    'Agrément — comités ALIZÉ',
  ].join('\n');
  const method = cancelled ? 'CANCEL' : 'REQUEST';
  const calendar = buildCalendar({
    method,
    events: [
      {
        ...meetingEvent(meeting, items, basin, app.config.publicUrl),
        organizer: app.mailer.from,
        attendees: [to],
      },
    ],
  });
  return {
    to: [to],
    subject: cancelled
      ? `Séance annulée : ${meeting.title} — ${day}`
      : `Séance modifiée : ${meeting.title} — ${day} à ${start}`,
    text,
    attachments: [
      {
        filename: cancelled ? 'annulation.ics' : 'invitation.ics',
        content: calendar,
        contentType: `text/calendar; charset=utf-8; method=${method}`,
      },
    ],
  };
}

/** Tells every convened person that the session changed (after the change committed); failures are logged. */
export async function sendMeetingChange(app: App, meetingId: string, change: MeetingChange): Promise<number> {
  try {
    const em = app.orm.em.fork();
    const meeting = await em.findOneOrFail(Meeting, meetingId);
    const basin = await em.findOneOrFail(Basin, meeting.basin.id);
    const items = await em.find(AgendaItem, { meeting }, { orderBy: { position: 'asc' } });
    const recipients = await recipientsOf(em, basin.id);
    const results = await Promise.allSettled(
      recipients.map((r) => app.mailer.send(changeMessage(app, meeting, items, basin, r, change))),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) app.logger.error('meeting change not sent', { meetingId, change, failed: failed.length });
    return results.length - failed.length;
  } catch (error) {
    app.logger.error('meeting change not sent', { meetingId, change, reason: (error as Error).message });
    return 0;
  }
}

/**
 * Emails each member and the chair a convocation (operators and observers an invitation), with the agenda and an
 * .ics invitation. Called after the meeting is convened and committed; a failed message is logged, never thrown:
 * the meeting is convened whatever the mail does. Returns how many messages went out.
 */
export async function sendConvocations(app: App, meetingId: string): Promise<number> {
  try {
    const em = app.orm.em.fork();
    const meeting = await em.findOneOrFail(Meeting, meetingId);
    const basin = await em.findOneOrFail(Basin, meeting.basin.id);
    const items = await em.find(AgendaItem, { meeting }, { orderBy: { position: 'asc' } });
    const chair = meeting.chair ? await em.findOne(Person, meeting.chair.id) : null;
    const recipients = await recipientsOf(em, basin.id);
    const results = await Promise.allSettled(
      recipients.map((r) => app.mailer.send(convocationMessage(app, meeting, items, basin, chair, r))),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) {
      app.logger.error('convocations not sent', {
        meetingId,
        failed: failed.length,
        reason: String((failed[0] as PromiseRejectedResult).reason?.message ?? failed[0]),
      });
    }
    return results.length - failed.length;
  } catch (error) {
    app.logger.error('convocations not sent', { meetingId, reason: (error as Error).message });
    return 0;
  }
}
