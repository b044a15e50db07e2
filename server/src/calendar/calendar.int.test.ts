import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AgendaItem, AgendaItemKind } from '../meeting/agenda-item.entity.js';
import { CalendarFeed } from './calendar-feed.entity.js';

const FEED = `query($b: ID!) { calendarFeedUrl(basinId: $b) { url createdAt lastUsedAt } }`;
const RESET = `mutation($b: ID!) { resetCalendarFeed(basinId: $b) { url createdAt } }`;

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
const meetings: Record<string, string> = {};

const unfold = (text: string) => text.replace(/\r\n /g, '');
const events = (text: string) =>
  unfold(text)
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .map((block) =>
      Object.fromEntries(
        block
          .split('\r\n')
          .filter((line) => line && !line.startsWith('END:'))
          .map((line) => [line.slice(0, line.search(/[:;]/)), line.slice(line.indexOf(':') + 1)]),
      ),
    );

beforeAll(async () => {
  server = await startTestServer({ publicUrl: 'https://agrement.example.org' });
  a = await createTestBasin(server.orm.em.fork(), 'ca');
  b = await createTestBasin(server.orm.em.fork(), 'cb');
  const em = server.orm.em.fork();
  const at = (days: number) => new Date(Date.now() + days * 86_400_000);
  const meeting = (basinId: string, title: string, days: number, status: MeetingStatus) =>
    em.create(Meeting, { basin: basinId, title, scheduledAt: at(days), location: 'CCI, salle Watteau', status });
  const convened = meeting(
    a.basin.id,
    'Comité d’agrément de mars — séance plénière, examen des projets',
    7,
    MeetingStatus.CONVENED,
  );
  em.create(AgendaItem, {
    meeting: convened,
    position: 0,
    kind: AgendaItemKind.INFORMATION,
    title: 'Budget',
    allottedMinutes: 90,
  });
  em.create(AgendaItem, {
    meeting: convened,
    position: 1,
    kind: AgendaItemKind.INFORMATION,
    title: 'Suivi',
    allottedMinutes: 60,
  });
  const planned = meeting(a.basin.id, 'Comité de mai', 60, MeetingStatus.PLANNED);
  const closed = meeting(a.basin.id, 'Comité passé', -30, MeetingStatus.CLOSED);
  const other = meeting(b.basin.id, 'Comité d’un autre bassin', 10, MeetingStatus.CONVENED);
  await em.flush();
  Object.assign(meetings, { convened: convened.id, planned: planned.id, closed: closed.id, other: other.id });
});
afterAll(() => server?.close());

describe('the calendar feed of coming sessions', () => {
  let url: string;

  it('should give a member a secret address once, keeping only its hash', async () => {
    const token = await signInToken(server, 'member@ca.test', PASSWORD);
    const first = (await gql(server, FEED, { b: a.basin.id }, { token })).data?.calendarFeedUrl;
    expect(first.url).toMatch(/^https:\/\/agrement\.example\.org\/calendar\/[\w-]{43}\.ics$/);
    url = first.url;
    const again = (await gql(server, FEED, { b: a.basin.id }, { token })).data?.calendarFeedUrl;
    expect(again).toEqual({ url: null, createdAt: first.createdAt, lastUsedAt: null });
    const stored = await server.orm.em.fork().findOneOrFail(CalendarFeed, { person: a.people.member.id });
    const secret = url.split('/').pop()!.replace('.ics', '');
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenHash).not.toContain(secret);
    expect(codeOf(await gql(server, FEED, { b: b.basin.id }, { token }))).toBe('NOT_FOUND');
    const sme = await signInToken(server, 'smeleader@ca.test', PASSWORD);
    expect(codeOf(await gql(server, FEED, { b: a.basin.id }, { token: sme }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, FEED, { b: a.basin.id }))).toBe('UNAUTHENTICATED');
  });

  it("should serve the basin's coming sessions as RFC 5545 iCalendar, without a session", async () => {
    const response = await fetch(url.replace('https://agrement.example.org', server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line ends with CRLF
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\n /); // the long summary is folded
    expect(unfold(text)).toContain('VERSION:2.0\r\nPRODID:');
    expect(unfold(text)).toContain('METHOD:PUBLISH');
    const list = events(text);
    expect(list.map((e) => e.UID)).toEqual([
      `meeting-${meetings.convened}@agrement`,
      `meeting-${meetings.planned}@agrement`,
    ]);
    const [convened, planned] = list;
    expect(convened).toMatchObject({
      SUMMARY: 'Comité d’agrément de mars — séance plénière\\, examen des projets — Basin ca',
      LOCATION: 'CCI\\, salle Watteau',
      STATUS: 'CONFIRMED',
      URL: `https://agrement.example.org/meetings/${meetings.convened}`,
    });
    expect(convened!.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(convened!.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
    // the agenda's allotted times: 150 minutes
    const minutes = (Date.parse(iso(convened!.DTEND!)) - Date.parse(iso(convened!.DTSTART!))) / 60_000;
    expect(minutes).toBe(150);
    expect(convened!.DESCRIPTION).toContain('1. Budget (90 min)\\n2. Suivi (60 min)');
    expect(planned!.STATUS).toBe('TENTATIVE');
    // the same UID on every fetch, so calendars update the event rather than add one
    const second = events(await (await fetch(url.replace('https://agrement.example.org', server.url))).text());
    expect(second.map((e) => e.UID)).toEqual(list.map((e) => e.UID));
  });

  it('should stop the old address when the link is reset, and refuse unknown ones', async () => {
    const token = await signInToken(server, 'member@ca.test', PASSWORD);
    const reset = (await gql(server, RESET, { b: a.basin.id }, { token })).data?.resetCalendarFeed;
    expect(reset.url).toMatch(/\/calendar\/[\w-]+\.ics$/);
    expect(reset.url).not.toBe(url);
    expect((await fetch(url.replace('https://agrement.example.org', server.url))).status).toBe(404);
    expect((await fetch(reset.url.replace('https://agrement.example.org', server.url))).status).toBe(200);
    expect((await fetch(`${server.url}/calendar/not-a-token.ics`)).status).toBe(404);
    const used = (await gql(server, FEED, { b: a.basin.id }, { token })).data?.calendarFeedUrl;
    expect(used.lastUsedAt).not.toBeNull();
  });
});

function iso(stamp: string): string {
  return stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
}
