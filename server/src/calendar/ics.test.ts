import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, icsTime } from './ics.js';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('the iCalendar writer', () => {
  it('should write times in UTC, to the second', () => {
    expect(icsTime(new Date('2026-03-12T08:30:00.123Z'))).toBe('20260312T083000Z');
  });

  it('should escape the characters that TEXT values reserve', () => {
    expect(escapeText('Lieu ; salle, étage\\2\nbis')).toBe('Lieu \\; salle\\, étage\\\\2\\nbis');
  });

  it('should fold long lines at 75 octets without splitting a French letter', () => {
    const line = `DESCRIPTION:${'Ordre du jour : présentation, décision, élection. '.repeat(6)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('should build a calendar with CRLF line endings and one event per session', () => {
    const text = buildCalendar({
      method: 'REQUEST',
      stamp: new Date('2026-03-01T10:00:00Z'),
      events: [
        {
          uid: 'meeting-1@agrement',
          start: new Date('2026-03-12T08:30:00Z'),
          end: new Date('2026-03-12T11:00:00Z'),
          summary: "Comité d'agrément du jeudi 12 mars 2026",
          location: 'CCI, salle Watteau',
          organizer: { name: 'Agrément', email: 'no-reply@agrement.local' },
          attendees: [{ name: 'Élise "la présidente"', email: 'presidente@example.org' }],
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:meeting-1@agrement',
        'DTSTAMP:20260301T100000Z',
        'DTSTART:20260312T083000Z',
        'DTEND:20260312T110000Z',
        "SUMMARY:Comité d'agrément du jeudi 12 mars 2026",
        'LOCATION:CCI\\, salle Watteau',
        'ORGANIZER;CN="Agrément":mailto:no-reply@agrement.local',
        'ATTENDEE;CN="Élise la présidente";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:presidente@example.org',
        'END:VEVENT',
      ]),
    );
  });
});
