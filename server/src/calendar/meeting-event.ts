import type { Basin } from '../basin/basin.entity.js';
import { type Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import type { AgendaItem } from '../meeting/agenda-item.entity.js';
import type { IcsEvent } from './ics.js';
import { typeset } from '../minutes/french.js';

/** Every session is one event, whichever feed or invitation carries it: the same UID everywhere. */
export const meetingUid = (meetingId: string): string => `meeting-${meetingId}@agrement`;

/** The page of a session in the client. */
export const meetingLink = (publicUrl: string, meetingId: string): string => `${publicUrl}/meetings/${meetingId}`;

/** A session lasts as long as its agenda's allotted times, at least an hour (two when the agenda is empty). */
export function meetingEnd(meeting: Meeting, items: AgendaItem[]): Date {
  const minutes = items.length
    ? Math.max(
        60,
        items.reduce((sum, i) => sum + i.allottedMinutes, 0),
      )
    : 120;
  return new Date(meeting.scheduledAt.getTime() + minutes * 60_000);
}

/** The agenda as plain text lines: "1. Title (40 min)". */
export const agendaLines = (items: AgendaItem[]): string[] =>
  [...items].sort((x, y) => x.position - y.position).map((i, n) => `${n + 1}. ${i.title} (${i.allottedMinutes} min)`);

export function meetingEvent(
  meeting: Meeting,
  items: AgendaItem[],
  basin: Pick<Basin, 'name'>,
  publicUrl: string,
): IcsEvent {
  const link = meetingLink(publicUrl, meeting.id);
  return {
    uid: meetingUid(meeting.id),
    start: meeting.scheduledAt,
    end: meetingEnd(meeting, items),
    // the invitation is an official text like the convocation it comes with: French typography
    summary: typeset(`${meeting.title} — ${basin.name}`),
    location: meeting.location || undefined,
    description: typeset(
      [
        `Comité d'agrément du bassin ${basin.name}.`,
        ...(items.length ? ['', 'Ordre du jour :', ...agendaLines(items)] : []),
        '',
        link,
      ].join('\n'),
    ),
    url: link,
    status:
      meeting.status === MeetingStatus.CANCELLED
        ? 'CANCELLED'
        : meeting.status === MeetingStatus.PLANNED
          ? 'TENTATIVE'
          : 'CONFIRMED',
    sequence: meeting.calendarSequence,
    lastModified: meeting.updatedAt,
  };
}
