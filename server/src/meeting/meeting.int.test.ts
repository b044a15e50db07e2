import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, wsClient, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project } from '../project/project.entity.js';
import { AgendaItem } from './agenda-item.entity.js';

const CREATE = `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id status title chair { email } } }`;
const ADD = `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id title position kind project { status } } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { status items { title position } } }`;

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
let operator: string;
let project: Project;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'ma');
  b = await createTestBasin(server.orm.em.fork(), 'mb');
  const em = server.orm.em.fork();
  project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Lean',
    prescriber: a.people.member.id,
    prescriberOrganisation: a.partner.id,
  });
  await em.flush();
  operator = await signInToken(server, 'operator@ma.test', PASSWORD);
});
afterAll(() => server?.close());

async function newMeeting(chairId: string | null = a.people.chair.id) {
  const result = await gql(
    server,
    CREATE,
    {
      input: {
        basinId: a.basin.id,
        title: 'Comité de mars',
        scheduledAt: '2026-12-03T08:30:00Z',
        location: 'CCI',
        chairId,
      },
    },
    { token: operator },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.createMeeting.id as string;
}

describe('meetings and their agenda', () => {
  it('should build an agenda in order, schedule its project and convene the meeting', async () => {
    const id = await newMeeting();
    const first = await gql(
      server,
      ADD,
      { m: id, input: { kind: 'PROJECT_EXAMINATION', projectId: project.id, allottedMinutes: 30 } },
      { token: operator },
    );
    expect(first.data?.addAgendaItem).toMatchObject({ title: 'Lean', position: 0, project: { status: 'SCHEDULED' } });
    await gql(server, ADD, { m: id, input: { kind: 'INFORMATION', title: 'Budget' } }, { token: operator });
    const third = await gql(
      server,
      ADD,
      { m: id, input: { kind: 'INFORMATION', title: 'Welcome', position: 0 } },
      { token: operator },
    );
    let meeting = await gql(server, MEETING, { id }, { token: operator });
    expect(meeting.data?.meeting.items).toEqual([
      { title: 'Welcome', position: 0 },
      { title: 'Lean', position: 1 },
      { title: 'Budget', position: 2 },
    ]);
    await gql(
      server,
      `mutation($id: ID!) { moveAgendaItem(id: $id, position: 2) { id } }`,
      { id: third.data?.addAgendaItem.id },
      { token: operator },
    );
    meeting = await gql(server, MEETING, { id }, { token: operator });
    expect(meeting.data?.meeting.items.map((i: { title: string }) => i.title)).toEqual(['Lean', 'Budget', 'Welcome']);
    const convened = await gql(
      server,
      `mutation($id: ID!) { conveneMeeting(id: $id) { status } }`,
      { id },
      { token: operator },
    );
    expect(convened.data?.conveneMeeting.status).toBe('CONVENED');
    const member = await signInToken(server, 'member@ma.test', PASSWORD);
    const seen = await gql(server, MEETING, { id }, { token: member });
    expect(seen.data?.meeting.status).toBe('CONVENED');
  });

  it('should refuse a chair who is not a partner company chair, and bad agenda items, writing nothing', async () => {
    const notChair = await gql(
      server,
      CREATE,
      {
        input: {
          basinId: a.basin.id,
          title: 'X meeting',
          scheduledAt: '2026-12-03T08:30:00Z',
          chairId: a.people.observer.id,
        },
      },
      { token: operator },
    );
    expect(codeOf(notChair)).toBe('BAD_USER_INPUT');
    const id = await newMeeting(null);
    const before = await server.orm.em.fork().count(AgendaItem);
    expect(codeOf(await gql(server, ADD, { m: id, input: { kind: 'PROJECT_EXAMINATION' } }, { token: operator }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(
        await gql(server, `mutation($id: ID!) { conveneMeeting(id: $id) { status } }`, { id }, { token: operator }),
      ),
    ).toBe('INVALID_STATE');
    const operatorB = await signInToken(server, 'operator@mb.test', PASSWORD);
    expect(
      codeOf(
        await gql(server, ADD, { m: id, input: { kind: 'INFORMATION', title: 'Intrusion' } }, { token: operatorB }),
      ),
    ).toBe('NOT_FOUND');
    const member = await signInToken(server, 'member@ma.test', PASSWORD);
    expect(
      codeOf(await gql(server, ADD, { m: id, input: { kind: 'INFORMATION', title: 'Not mine' } }, { token: member })),
    ).toBe('FORBIDDEN');
    expect(await server.orm.em.fork().count(AgendaItem)).toBe(before);
  });

  it('should push an event to websocket subscribers after an agenda change commits', async () => {
    const id = await newMeeting();
    const member = await signInToken(server, 'member@ma.test', PASSWORD);
    const client = wsClient(server, member);
    const events: { kind: string; subjectId: string | null }[] = [];
    const received = new Promise<void>((resolve, reject) => {
      client.subscribe<{ meetingEvents: { kind: string; subjectId: string | null } }>(
        {
          query: `subscription($id: ID!) { meetingEvents(meetingId: $id) { kind subjectId meetingId } }`,
          variables: { id },
        },
        {
          next: (value) => {
            // arrivals (this subscriber's own included) come as coalesced PRESENCE events
            if (!value.data || value.data.meetingEvents.kind === 'PRESENCE') return;
            events.push(value.data.meetingEvents);
            resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    // the subscription is live once the server acknowledges it; give it a moment, then change the agenda over HTTP
    await new Promise((r) => setTimeout(r, 200));
    const added = await gql(
      server,
      ADD,
      { m: id, input: { kind: 'INFORMATION', title: 'Live item' } },
      { token: operator },
    );
    await received;
    expect(events[0]).toEqual({ kind: 'AGENDA', subjectId: added.data?.addAgendaItem.id, meetingId: id });
    // and the subscriber's refetch shows the committed state
    const meeting = await gql(server, MEETING, { id }, { token: member });
    expect(meeting.data?.meeting.items).toEqual([{ title: 'Live item', position: 0 }]);
    await client.dispose();
  });

  it("should refuse a subscription to another basin's meeting", async () => {
    const id = await newMeeting();
    const outsider = await signInToken(server, 'member@mb.test', PASSWORD);
    const client = wsClient(server, outsider);
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription($id: ID!) { meetingEvents(meetingId: $id) { kind } }`, variables: { id } },
        {
          next: (value) => resolve(value),
          error: (error) => resolve(error),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(JSON.stringify(outcome)).toContain('NOT_FOUND');
    await client.dispose();
    expect(b.basin.id).not.toBe(a.basin.id);
  });
});
