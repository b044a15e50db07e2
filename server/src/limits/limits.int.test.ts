import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { codeOf, gql, signInToken, startTestServer, wsClient, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project } from '../project/project.entity.js';
import { DEFAULT_LIMITS, type RequestLimits } from './limits.js';

/**
 * Every limit, over HTTP and over websockets: the same documents are refused the same way on both. Ordinary
 * bodies and websocket messages are limited to 64 KiB here, attachments to 200 KiB.
 */
const MAX_BODY = 64 * 1024;
let server: TestServer;
let basin: TestBasin;
let observer: string;
let operator: string;
let versionId: string;

/** Another instance on the same database, with other settings. */
async function variant(overrides: Partial<Config>, limits: Partial<RequestLimits> = {}) {
  const running = await createApp(
    { ...server.config, ...overrides, limits: { ...server.config.limits, ...limits } },
    { orm: server.orm },
  );
  const url = await running.listen(0);
  return { url, wsUrl: `${url.replace(/^http/, 'ws')}/graphql`, close: () => running.close() };
}

/** The first error of an HTTP refusal. */
async function refusal(response: Response) {
  const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  return body.errors[0]!;
}

/** The errors (or the close code) of one operation over a websocket. */
function wsErrors(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return new Promise<{ codes: string[]; messages: string[]; data?: unknown; closeCode?: number }>((resolve) => {
    let data: unknown;
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          data = value.data;
          if (value.errors?.length)
            resolve({
              codes: value.errors.map((e) => String(e.extensions?.code)),
              messages: value.errors.map((e) => e.message),
              data,
            });
        },
        error: (error) => {
          if (Array.isArray(error))
            resolve({ codes: error.map((e) => String(e.extensions?.code)), messages: error.map((e) => e.message) });
          else resolve({ codes: [], messages: [], closeCode: (error as { code?: number }).code });
        },
        complete: () => resolve({ codes: [], messages: [], data }),
      },
    );
  });
}

/** organisations { people { organisation { people { … id } } } }, `depth` fields deep, the leaf included. */
function cycle(depth: number): string {
  let inner = 'id';
  for (let level = depth - 1; level >= 3; level -= 1) {
    inner = level % 2 === 1 ? `people { ${inner} }` : `organisation { ${inner} }`;
  }
  // organisations is a page: its items are the second level
  return `query($b: ID!) { organisations(basinId: $b) { items { ${inner} } } }`;
}

beforeAll(async () => {
  server = await startTestServer({
    maxAttachmentBytes: 200 * 1024,
    limits: { ...DEFAULT_LIMITS, maxBodyBytes: MAX_BODY },
  });
  basin = await createTestBasin(server.orm.em.fork(), 'lim');
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: basin.basin.id,
    sme: basin.sme.id,
    title: 'Qualité',
    prescriber: basin.people.member.id,
    prescriberOrganisation: basin.partner.id,
  });
  await em.flush();
  observer = await signInToken(server, 'observer@lim.test', PASSWORD);
  operator = await signInToken(server, 'operator@lim.test', PASSWORD);
  const saved = await gql(
    server,
    `mutation($p: ID!, $input: DiagnosisVersionInput!) { saveDiagnosisVersion(projectId: $p, input: $input) { id } }`,
    { p: project.id, input: { title: 'Diagnostic', sections: [{ heading: 'Besoins', body: 'Qualité.' }] } },
    { token: operator },
  );
  versionId = saved.data?.saveDiagnosisVersion.id;
});
afterAll(() => server?.close());

describe('the shape of an operation, over HTTP and websockets', () => {
  let ws: Client;
  beforeAll(() => {
    ws = wsClient(server, observer);
  });
  afterAll(() => ws.dispose());

  it('should answer a query within every limit', async () => {
    const http = await gql(server, cycle(5), { b: basin.basin.id }, { token: observer });
    expect(http.errors).toBeUndefined();
    expect((await wsErrors(ws, cycle(5), { b: basin.basin.id })).codes).toEqual([]);
  });

  it(`should refuse a query deeper than ${DEFAULT_LIMITS.maxDepth} fields with QUERY_TOO_DEEP`, async () => {
    const http = await gql(server, cycle(DEFAULT_LIMITS.maxDepth + 1), { b: basin.basin.id }, { token: observer });
    expect(http.status).toBe(400);
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', maxDepth: DEFAULT_LIMITS.maxDepth });
    const overWs = await wsErrors(ws, cycle(DEFAULT_LIMITS.maxDepth + 1), { b: basin.basin.id });
    expect(overWs.codes).toEqual(['QUERY_TOO_DEEP']);
  });

  it(`should refuse more than ${DEFAULT_LIMITS.maxAliases} aliases with QUERY_TOO_COMPLEX, even of __typename`, async () => {
    const query = `{ ${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const http = await gql(server, query);
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxAliases: 15 });
    expect((await wsErrors(ws, query)).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('should refuse a query that could return too many fields with QUERY_TOO_COMPLEX', async () => {
    // Depth 8, within the limit; but 20 organisations × 20 people × …: hundreds of thousands of fields.
    const http = await gql(server, cycle(8), { b: basin.basin.id }, { token: observer });
    expect(http.status).toBe(400);
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: DEFAULT_LIMITS.maxCost });
    expect((await wsErrors(ws, cycle(8), { b: basin.basin.id })).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('should count a page at its limit variable: the same query passes with 200 and is refused with 100 000', async () => {
    const query = `query($b: ID!, $n: Int!) { members(basinId: $b, limit: $n) { items { person { id email } organisation { id people { person { email } } } } } }`;
    const small = await gql(server, query, { b: basin.basin.id, n: 200 }, { token: observer });
    expect(small.errors).toBeUndefined();
    const large = await gql(server, query, { b: basin.basin.id, n: 100_000 }, { token: observer });
    expect(codeOf(large)).toBe('QUERY_TOO_COMPLEX');
    expect((await wsErrors(ws, query, { b: basin.basin.id, n: 100_000 })).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it(`should refuse a document of more than ${DEFAULT_LIMITS.maxTokens} tokens with QUERY_TOO_LARGE`, async () => {
    const query = `{ ${'__typename '.repeat(DEFAULT_LIMITS.maxTokens)}}`;
    const http = await gql(server, query);
    expect(http.status).toBe(400);
    expect(http.errors?.[0]).toEqual({
      message: `The document has more than ${DEFAULT_LIMITS.maxTokens} tokens: send a smaller query`,
      extensions: { code: 'QUERY_TOO_LARGE', maxTokens: DEFAULT_LIMITS.maxTokens },
    });
    expect((await wsErrors(ws, query)).codes).toEqual(['QUERY_TOO_LARGE']);
  });
});

describe('the size of a request', () => {
  const post = (body: string, token?: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const padded = (bytes: number) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes) } });

  it('should refuse an anonymous body over the ordinary limit with 413 PAYLOAD_TOO_LARGE, in JSON', async () => {
    const response = await post(padded(MAX_BODY + 1));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('should refuse a signed-in ordinary operation over the ordinary limit with 413', async () => {
    const response = await post(padded(MAX_BODY + 1), operator);
    expect(response.status).toBe(413);
    expect((await refusal(response)).extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_BODY });
  });

  it('should accept an attachment larger than an ordinary body, up to the attachment limit', async () => {
    const content = Buffer.alloc(150 * 1024, 7); // 200 KiB in base64: three times an ordinary body
    const result = await gql(
      server,
      `mutation($v: ID!, $file: AttachmentInput!) { addAttachment(versionId: $v, file: $file) { size } }`,
      {
        v: versionId,
        file: { fileName: 'bilan.pdf', mimeType: 'application/pdf', contentBase64: content.toString('base64') },
      },
      { token: operator },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.addAttachment.size).toBe(150 * 1024);
  });

  it('should refuse an attachment above the attachment limit whatever the route', async () => {
    const content = Buffer.alloc(300 * 1024, 7);
    const response = await post(
      JSON.stringify({
        query: `mutation($v: ID!, $file: AttachmentInput!) { addAttachment(versionId: $v, file: $file) { size } }`,
        variables: {
          v: versionId,
          file: { fileName: 'big.pdf', mimeType: 'application/pdf', contentBase64: content.toString('base64') },
        },
      }),
      operator,
    );
    expect(response.status).toBe(413);
  });

  it('should close a websocket whose message is over the ordinary limit (1009), and answer others', async () => {
    const client = wsClient(server, observer);
    const closed = await wsErrors(client, `{ __typename } # ${'x'.repeat(MAX_BODY)}`);
    expect(closed.closeCode).toBe(1009);
    await client.dispose();
  });

  it('should refuse an address longer than 8 KiB with 414 PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent(`{ __typename } #${'x'.repeat(9000)}`)}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.status).toBe(414);
    expect((await refusal(response)).extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', maxBytes: 8192 });
  });
});

describe('rate limits, in memory', () => {
  let limited: Awaited<ReturnType<typeof variant>>;
  beforeAll(async () => {
    limited = await variant({}, { rate: { perPersonPerMinute: 5, perAddressPerMinute: 4, keyPrefix: 'test' } });
  });
  afterAll(() => limited.close());

  it('should refuse the anonymous requests of one address past the limit with 429 TOO_MANY_REQUESTS', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await gql(limited, '{ __typename }'));
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[4]?.status).toBe(429);
    expect(answers[4]?.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(answers[4]?.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("should count a signed-in person's requests against the person, over HTTP and websockets together", async () => {
    // This address is spent already: a signed-in person is not held by it.
    const overHttp = [];
    for (let i = 0; i < 3; i += 1)
      overHttp.push((await gql(limited, '{ me { person { id } } }', {}, { token: operator })).status);
    expect(overHttp).toEqual([200, 200, 200]);
    // A connection counts against its address: this one comes through our proxy from another address.
    class FromElsewhere extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      }
    }
    const client = createClient({
      url: limited.wsUrl,
      webSocketImpl: FromElsewhere,
      connectionParams: { authorization: `Bearer ${operator}` },
      retryAttempts: 0,
    });
    const codes: string[][] = [];
    for (let i = 0; i < 3; i += 1) codes.push((await wsErrors(client, '{ me { person { id } } }')).codes);
    await client.dispose();
    expect(codes).toEqual([[], [], ['TOO_MANY_REQUESTS']]);
    const after = await gql(limited, '{ me { person { id } } }', {}, { token: operator });
    expect(after.status).toBe(429);
  });

  it('should refuse a new websocket from an address past its limit with 429', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(limited.wsUrl, 'graphql-transport-ws');
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('the socket opened')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(429);
  });
});

describe('the time budget', () => {
  let hurried: Awaited<ReturnType<typeof variant>>;
  beforeAll(async () => {
    // A budget spent before the first resolver: every query or mutation runs out of time, deterministically.
    hurried = await variant({}, { operationTimeoutMs: 0 });
  });
  afterAll(() => hurried.close());

  it('should answer an operation that runs past its budget with TIMEOUT, once, over HTTP and websockets', async () => {
    const query = '{ me { person { id } } basins { id } }';
    const http = await gql(hurried, query, {}, { token: observer });
    expect(http.errors).toEqual([
      expect.objectContaining({
        message: 'The operation took longer than 0 s and was stopped',
        extensions: { code: 'TIMEOUT', budgetMs: 0 },
      }),
    ]);
    const client = wsClient(hurried, observer);
    expect((await wsErrors(client, query)).codes).toEqual(['TIMEOUT']);
    await client.dispose();
  });
});

describe('the execution gate', () => {
  let narrow: Awaited<ReturnType<typeof variant>>;
  beforeAll(async () => {
    narrow = await variant({}, { maxConcurrentOperations: 1, maxQueuedOperations: 0 });
  });
  afterAll(() => narrow.close());

  it('should refuse an operation with 503 SERVER_BUSY when every turn is taken and the queue is full', async () => {
    // A sign-in hashes with scrypt (tens of milliseconds): three at once cannot all get the one turn.
    const signIn = () =>
      gql(narrow, 'mutation { signIn(email: "nobody@lim.test", password: "not the password") { expiresAt } }');
    const answers = await Promise.all([signIn(), signIn(), signIn()]);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]?.errors?.[0]?.extensions).toEqual({ code: 'SERVER_BUSY', retryAfterSeconds: 1 });
  });
});
