/**
 * A small iCalendar (RFC 5545) writer: just what the platform sends — sessions as events, in a feed (PUBLISH) or an
 * invitation (REQUEST). Lines end with CRLF and are folded at 75 octets without splitting a UTF-8 character; text
 * values are escaped; times are written in UTC.
 */

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  /** Stable across updates, so that calendars replace the event instead of adding a second one. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** TENTATIVE for a session still being prepared, CONFIRMED once convened, CANCELLED when withdrawn. */
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** Incremented when an invitation's event changes. Default 0. */
  sequence?: number;
  /** When the event last changed. */
  lastModified?: Date;
  organizer?: IcsPerson;
  attendees?: IcsPerson[];
}

export interface IcsCalendar {
  /** PUBLISH for a feed (default), REQUEST for an invitation, CANCEL when the event is withdrawn. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** The calendar's display name (X-WR-CALNAME). */
  name?: string;
  events: IcsEvent[];
  /** DTSTAMP of every event: when this file was made. Default now. */
  stamp?: Date;
}

const CRLF = '\r\n';

/** `20260312T083000Z`. */
export function icsTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, without the characters a quoted value cannot hold. */
const paramValue = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

/** Folds one content line at 75 octets: continuation lines start with a space (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation's leading space counts
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsTime(stamp)}`,
    `DTSTART:${icsTime(event.start)}`,
    `DTEND:${icsTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  lines.push(`SEQUENCE:${event.sequence ?? 0}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${icsTime(event.lastModified)}`);
  if (event.organizer) {
    lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`);
  }
  for (const attendee of event.attendees ?? []) {
    lines.push(
      `ATTENDEE;CN=${paramValue(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${attendee.email}`,
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The whole calendar, as the bytes to send (`text/calendar; charset=utf-8`). */
export function buildCalendar(calendar: IcsCalendar): string {
  const stamp = calendar.stamp ?? new Date();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    "PRODID:-//Agrément//Comités d'agrément ALIZÉ//FR",
    'CALSCALE:GREGORIAN',
    `METHOD:${calendar.method ?? 'PUBLISH'}`,
  ];
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  for (const event of calendar.events) lines.push(...eventLines(event, stamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
