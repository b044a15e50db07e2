import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, wsClient, wsRequest, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Person } from '../person/person.entity.js';
import { Membership } from '../person/membership.entity.js';

const SIGN_IN =
  'mutation($e: String!, $p: String!, $b: Boolean) { signIn(email: $e, password: $p, bearer: $b) { token person { email } } }';
const ME = '{ me { person { email displayName } memberships { role basin { slug } organisation { name } } } }';
const INVITE = `mutation($input: InvitePersonInput!) { invitePerson(input: $input) { link person { id email } } }`;

let server: TestServer;
let a: TestBasin;
let b: TestBasin;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'a');
  b = await createTestBasin(server.orm.em.fork(), 'b');
});
afterAll(() => server?.close());

describe('sign-in over HTTP', () => {
  it('should set an httpOnly session cookie that `me` accepts', async () => {
    const result = await gql(server, SIGN_IN, { e: 'Operator@A.test ', p: PASSWORD });
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.token).toBeNull(); // the browser never sees the token
    expect(result.setCookie).toMatch(/agrement_session=[^;]+;.*HttpOnly/i);
    expect(result.setCookie).toMatch(/SameSite=Lax/i);
    const cookie = result.setCookie!.split(';')[0]!;
    const me = await gql(server, ME, {}, { cookie });
    expect(me.data?.me.person.email).toBe('operator@a.test');
    expect(me.data?.me.memberships).toEqual([
      { role: 'OPERATOR', basin: { slug: 'a' }, organisation: { name: 'CCI a' } },
    ]);
  });

  it('should give a bearer token to API clients that ask for one', async () => {
    const token = await signInToken(server, 'member@a.test', PASSWORD);
    const me = await gql(server, ME, {}, { token });
    expect(me.data?.me.person.displayName).toBe('member a');
  });

  it('should answer a wrong password and an unknown email with the same generic error', async () => {
    const wrong = await gql(server, SIGN_IN, { e: 'observer@a.test', p: 'not the password' });
    const unknown = await gql(server, SIGN_IN, { e: 'nobody@a.test', p: 'not the password' });
    expect(codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect(codeOf(unknown)).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('should slow down repeated failures for one account, even with the right password', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i += 1)
      codes.push(codeOf(await gql(server, SIGN_IN, { e: 'chair@b.test', p: `guess ${i}` })));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes[5]).toBe('TOO_MANY_ATTEMPTS');
    const right = await gql(server, SIGN_IN, { e: 'chair@b.test', p: PASSWORD });
    expect(codeOf(right)).toBe('TOO_MANY_ATTEMPTS');
    expect(right.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('should slow the same account from the same address over the websocket too', async () => {
    for (let i = 0; i < 5; i += 1) await gql(server, SIGN_IN, { e: 'prescriber@b.test', p: `guess ${i}` });
    const client = wsClient(server, null);
    try {
      const overWs = await wsRequest(client, SIGN_IN, { e: 'prescriber@b.test', p: PASSWORD });
      expect(overWs.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    } finally {
      await client.dispose();
    }
  });

  it('should not lock the real person out when someone elsewhere guesses their password', async () => {
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i += 1) {
      codes.push(
        codeOf(await gql(server, SIGN_IN, { e: 'thirdmember@b.test', p: `guess ${i}` }, from('203.0.113.66'))),
      );
    }
    expect(codes).toEqual([...Array(5).fill('INVALID_CREDENTIALS'), 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    const real = await gql(server, SIGN_IN, { e: 'thirdmember@b.test', p: PASSWORD }, from('198.51.100.20'));
    expect(real.errors).toBeUndefined();
    const guesser = await gql(server, SIGN_IN, { e: 'thirdmember@b.test', p: PASSWORD }, from('203.0.113.66'));
    expect(codeOf(guesser)).toBe('TOO_MANY_ATTEMPTS');
  });

  it('should not lock out everyone behind an office address after fifty failures there', async () => {
    const office = { headers: { 'x-forwarded-for': '192.0.2.80' } };
    expect((await gql(server, SIGN_IN, { e: 'observer@b.test', p: PASSWORD }, office)).errors).toBeUndefined();
    for (let i = 0; i < 50; i += 1) {
      const failed = await gql(server, SIGN_IN, { e: `colleague${i}@b.test`, p: 'forgotten' }, office);
      expect(codeOf(failed)).toBe('INVALID_CREDENTIALS');
    }
    expect((await gql(server, SIGN_IN, { e: 'observer@b.test', p: PASSWORD }, office)).errors).toBeUndefined();
    expect((await gql(server, SIGN_IN, { e: 'othermember@b.test', p: PASSWORD }, office)).errors).toBeUndefined();
  }, 60_000);

  it('should end the session on sign-out', async () => {
    const token = await signInToken(server, 'othermember@a.test', PASSWORD);
    expect((await gql(server, 'mutation { signOut }', {}, { token })).data?.signOut).toBe(true);
    const me = await gql(server, ME, {}, { token });
    expect(me.data?.me).toBeNull();
    expect(codeOf(await gql(server, 'mutation { signOut }', {}, { token }))).toBe('UNAUTHENTICATED');
  });
});

describe('invitations', () => {
  it('should let an operator invite a person who sets a password once through the link', async () => {
    const operator = await signInToken(server, 'operator@a.test', PASSWORD);
    const invited = await gql(
      server,
      INVITE,
      {
        input: {
          basinId: a.basin.id,
          email: 'new.member@a.test',
          firstName: 'Nina',
          lastName: 'Nouvelle',
          role: 'MEMBER',
          organisationId: a.partner.id,
        },
      },
      { token: operator },
    );
    expect(invited.errors).toBeUndefined();
    const link: string = invited.data?.invitePerson.link;
    expect(link).toMatch(/\/invitation\/[\w-]{43}$/);
    const token = link.split('/').pop();

    const weak = await gql(
      server,
      'mutation($t: String!) { acceptInvitation(token: $t, password: "short") { person { email } } }',
      { t: token },
    );
    expect(codeOf(weak)).toBe('WEAK_PASSWORD');
    expect(weak.errors?.[0]?.extensions?.reason).toBe('TOO_SHORT');
    const guessable = async (password: string) =>
      (
        await gql(
          server,
          'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { person { email } } }',
          { t: token, p: password },
        )
      ).errors?.[0]?.extensions;
    expect(await guessable('1234567890')).toMatchObject({
      code: 'WEAK_PASSWORD',
      reason: 'GUESSABLE',
      warning: 'topHundred',
    });
    expect(await guessable('aaaaaaaaaa')).toMatchObject({ code: 'WEAK_PASSWORD', warning: 'simpleRepeat' });
    expect(await guessable('Nina.Nouvelle2025')).toMatchObject({ code: 'WEAK_PASSWORD', warning: 'userInputs' });
    const accept =
      'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, bearer: true) { token person { email } } }';
    const accepted = await gql(server, accept, { t: token, p: 'a long enough password' });
    expect(accepted.data?.acceptInvitation.person.email).toBe('new.member@a.test');
    expect(accepted.setCookie).toMatch(/agrement_session=/);
    const again = await gql(server, accept, { t: token, p: 'another long password' });
    expect(codeOf(again)).toBe('INVALID_INVITATION');
    await signInToken(server, 'new.member@a.test', 'a long enough password');
  });

  it('should refuse a duplicate email and write nothing', async () => {
    const operator = await signInToken(server, 'operator@a.test', PASSWORD);
    const before = await server.orm.em.fork().count(Membership);
    const result = await gql(
      server,
      INVITE,
      {
        input: { basinId: a.basin.id, email: 'MEMBER@a.test', firstName: 'X', lastName: 'Y', role: 'OBSERVER' },
      },
      { token: operator },
    );
    expect(codeOf(result)).toBe('DUPLICATE_EMAIL');
    expect(await server.orm.em.fork().count(Membership)).toBe(before);
  });

  it('should refuse an unknown basin, another basin and a non-operator', async () => {
    const operatorA = await signInToken(server, 'operator@a.test', PASSWORD);
    const member = await signInToken(server, 'member@a.test', PASSWORD);
    const input = (basinId: string) => ({
      input: { basinId, email: `x${Math.random()}@a.test`, firstName: 'X', lastName: 'Y', role: 'OBSERVER' },
    });
    expect(codeOf(await gql(server, INVITE, input(b.basin.id), { token: operatorA }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, INVITE, input(a.basin.id), { token: member }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, INVITE, input(a.basin.id)))).toBe('UNAUTHENTICATED');
    expect(
      codeOf(
        await gql(
          server,
          INVITE,
          { input: { ...input(a.basin.id).input, email: 'not-an-email' } },
          { token: operatorA },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const count = await server.orm.em.fork().count(Person, { email: { $like: 'x%' } });
    expect(count).toBe(0);
  });
});

describe('websocket authentication', () => {
  it('should authenticate the bearer token of connection_init through the same checker', async () => {
    const token = await signInToken(server, 'observer@a.test', PASSWORD);
    const client = wsClient(server, token);
    try {
      const me = await wsRequest(client, ME);
      expect(me.data?.me.person.email).toBe('observer@a.test');
      const invite = await wsRequest(client, INVITE, {
        input: { basinId: a.basin.id, email: 'ws@a.test', firstName: 'W', lastName: 'S', role: 'OBSERVER' },
      });
      expect(invite.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await client.dispose();
    }
  });

  it('should treat a connection without a token as signed out', async () => {
    const client = wsClient(server, null);
    try {
      expect((await wsRequest(client, ME)).data?.me).toBeNull();
      const result = await wsRequest(client, '{ basins { id } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await client.dispose();
    }
  });

  it('should refuse a connection whose token is not a live session', async () => {
    const client = wsClient(server, 'forged-token');
    await expect(wsRequest(client, ME)).rejects.toBeTruthy();
    await client.dispose();
  });
});
