import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Contribution } from '../basin/contribution.entity.js';

const RECORD = `mutation($input: RecordContributionInput!) {
  recordContribution(input: $input) { id year amount kind origin label receivedOn toAdvancesFund recordedByName } }`;
const CORRECT = `mutation($input: CorrectContributionInput!) {
  correctContribution(input: $input) { id amount correctsId correctionReason supersededAt } }`;
const LEDGER = `query($b: ID!, $year: Int) { contributions(basinId: $b, year: $year) {
  totalCount items { id amount supersededAt correctsId organisation { name } } } }`;
const BUDGET = `query($b: ID!, $year: Int) { contributionBudget(basinId: $b, year: $year) {
  year years budget actual
  sources { source targetShare budget cash inKind staffTime actual gap achieved origins { origin cash inKind } } } }`;
const STATEMENT = `query($o: ID!) { funderStatement(organisationId: $o) {
  organisation { name } cash inKind total years { year cash inKind total } entries { amount supersededAt } } }`;
const DASHBOARD = `query($b: ID!) { basinDashboard(basinId: $b) { resources { source cash inKind staffTime total } } }`;

let server: TestServer;
let a: TestBasin;
let other: TestBasin;
let collectivity: Organisation;
const tokens: Record<string, string> = {};
const as = (who: string, query: string, variables: Record<string, unknown>) =>
  gql(server, query, variables, { token: tokens[who] });

const entry = (fields: Record<string, unknown>) => ({
  basinId: a.basin.id,
  organisationId: a.partner.id,
  year: 2025,
  amount: 1000,
  kind: 'CASH',
  origin: 'COMPANIES',
  label: '',
  ...fields,
});

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'ct');
  other = await createTestBasin(server.orm.em.fork(), 'cu');
  const em = server.orm.em.fork();
  em.create(TriennialConvention, {
    basin: a.basin.id,
    label: 'Convention 2025-2027',
    startsOn: '2025-01-01',
    endsOn: '2027-12-31',
    targetBudget: 900000,
  });
  collectivity = em.create(Organisation, { basin: a.basin.id, name: 'Agglo ct', kind: OrganisationKind.COLLECTIVITY });
  await em.flush();
  for (const [who, email] of [
    ['operator', 'operator@ct.test'],
    ['observer', 'observer@ct.test'],
    ['member', 'member@ct.test'],
    ['otherOperator', 'operator@cu.test'],
  ] as const)
    tokens[who] = await signInToken(server, email, PASSWORD);
});
afterAll(() => server?.close());

describe('the contributions ledger', () => {
  it('should record cash and in-kind contributions by funder, year and origin', async () => {
    const cash = await as('operator', RECORD, {
      input: entry({ amount: 45000, organisationId: collectivity.id, origin: 'COLLECTIVITIES', label: 'Part 2025' }),
    });
    expect(cash.errors).toBeUndefined();
    expect(cash.data?.recordContribution).toMatchObject({
      year: 2025,
      amount: 45000,
      kind: 'CASH',
      origin: 'COLLECTIVITIES',
      label: 'Part 2025',
      recordedByName: 'operator ct',
    });
    const inKind = await as('operator', RECORD, {
      input: entry({ amount: 3000, kind: 'IN_KIND', label: 'Salle de réunion', receivedOn: '2025-04-02' }),
    });
    expect(inKind.data?.recordContribution).toMatchObject({ kind: 'IN_KIND', receivedOn: '2025-04-02' });
    const revitalisation = await as('operator', RECORD, { input: entry({ amount: 20000, origin: 'REVITALISATION' }) });
    expect(revitalisation.errors).toBeUndefined();
    const esf = await as('operator', RECORD, {
      input: entry({ amount: 12000, year: 2026, organisationId: a.associated.id, origin: 'EUROPEAN_SOCIAL_FUND' }),
    });
    expect(esf.errors).toBeUndefined();
  });

  it('should refuse bad input and write nothing', async () => {
    const before = await server.orm.em.fork().count(Contribution, { basin: a.basin.id });
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 0 }, 'BAD_USER_INPUT'],
      [{ amount: 5_000_001 }, 'BAD_USER_INPUT'],
      [{ year: 1999 }, 'BAD_USER_INPUT'],
      [{ label: 'x'.repeat(201) }, 'BAD_USER_INPUT'],
      [{ receivedOn: '2025-13-45' }, 'BAD_USER_INPUT'],
      [{ kind: 'IN_KIND', toAdvancesFund: true }, 'BAD_USER_INPUT'],
      [{ organisationId: other.partner.id }, 'NOT_FOUND'],
    ];
    for (const [fields, code] of cases)
      expect(codeOf(await as('operator', RECORD, { input: entry(fields) }))).toBe(code);
    expect(await server.orm.em.fork().count(Contribution, { basin: a.basin.id })).toBe(before);
  });

  it('should correct an entry with a new one that says why, keeping the old one superseded', async () => {
    const first = (await as('operator', RECORD, { input: entry({ amount: 7000, year: 2027 }) })).data
      ?.recordContribution;
    const { basinId: _ignored, ...fields } = entry({ amount: 7500, year: 2027 });
    const corrected = await as('operator', CORRECT, {
      input: { ...fields, contributionId: first.id, reason: 'Montant du virement' },
    });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data?.correctContribution).toMatchObject({
      amount: 7500,
      correctsId: first.id,
      correctionReason: 'Montant du virement',
      supersededAt: null,
    });
    const again = await as('operator', CORRECT, { input: { ...fields, contributionId: first.id, reason: 'Encore' } });
    expect(codeOf(again)).toBe('CONTRIBUTION_SUPERSEDED');
    const ledger = (await as('observer', LEDGER, { b: a.basin.id, year: 2027 })).data?.contributions;
    expect(ledger.totalCount).toBe(2);
    const old = ledger.items.find((i: { id: string }) => i.id === first.id);
    expect(old.supersededAt).not.toBeNull();
    expect(old.amount).toBe(7000);
  });

  it('should show budget against actual by source for a year and for the convention', async () => {
    const year = (await as('observer', BUDGET, { b: a.basin.id, year: 2025 })).data?.contributionBudget;
    expect(year.years).toEqual([2025, 2026, 2027]);
    // a third of 900 000 €, split 40 / 20 / 25 / 15 %
    expect(year.sources.map((s: { budget: number }) => s.budget)).toEqual([120000, 60000, 75000, 45000]);
    const companies = year.sources[0];
    expect(companies).toMatchObject({ cash: 20000, inKind: 3000, staffTime: null, actual: 23000, gap: -97000 });
    expect(companies.achieved).toBe(19.2);
    expect(companies.origins).toEqual([
      { origin: 'COMPANIES', cash: 0, inKind: 3000 },
      { origin: 'REVITALISATION', cash: 20000, inKind: 0 },
    ]);
    expect(year.sources[2]).toMatchObject({ source: 'COLLECTIVITIES', cash: 45000, actual: 45000 });
    const period = (await as('operator', BUDGET, { b: a.basin.id, year: null })).data?.contributionBudget;
    expect(period.year).toBeNull();
    expect(period.budget).toBe(900000);
    // 2025: 3 000 in kind + 20 000; 2027: the corrected 7 500, not the 7 000 it replaced
    expect(period.sources[0]).toMatchObject({ cash: 27500, inKind: 3000, staffTime: 0, actual: 30500 });
    expect(period.sources[3]).toMatchObject({
      source: 'STATE_AND_CDC',
      cash: 12000,
      origins: [
        { origin: 'STATE_AND_CDC', cash: 0, inKind: 0 },
        { origin: 'EUROPEAN_SOCIAL_FUND', cash: 12000, inKind: 0 },
      ],
    });
    expect(period.actual).toBe(30500 + 45000 + 12000);
  });

  it("should give a funder's statement by year, cash and in kind, counting corrections once", async () => {
    const statement = (await as('operator', STATEMENT, { o: a.partner.id })).data?.funderStatement;
    expect(statement).toMatchObject({ organisation: { name: 'Partner ct' }, cash: 27500, inKind: 3000, total: 30500 });
    expect(statement.years).toEqual([
      { year: 2025, cash: 20000, inKind: 3000, total: 23000 },
      { year: 2027, cash: 7500, inKind: 0, total: 7500 },
    ]);
    expect(statement.entries).toHaveLength(4);
  });

  it('should read the origin on the dashboard: revitalisation with the companies, the ESF with the State', async () => {
    const d = (await as('observer', DASHBOARD, { b: a.basin.id })).data?.basinDashboard;
    expect(d.resources[0]).toMatchObject({ source: 'COMPANIES', cash: 27500, inKind: 3000, total: 30500 });
    expect(d.resources[1]).toMatchObject({ source: 'TERRITORIAL_ACTORS', cash: 0 });
    expect(d.resources[3]).toMatchObject({ source: 'STATE_AND_CDC', cash: 12000 });
  });

  it('should let a funder read its own statement only, and the committee write nothing', async () => {
    const own = await as('member', STATEMENT, { o: a.partner.id });
    expect(own.errors).toBeUndefined();
    expect(own.data?.funderStatement.total).toBe(30500);
    expect(codeOf(await as('member', STATEMENT, { o: collectivity.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('member', LEDGER, { b: a.basin.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('member', BUDGET, { b: a.basin.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('member', RECORD, { input: entry({}) }))).toBe('FORBIDDEN');
    expect(codeOf(await as('observer', RECORD, { input: entry({}) }))).toBe('FORBIDDEN');
    expect(codeOf(await as('otherOperator', STATEMENT, { o: a.partner.id }))).toBe('NOT_FOUND');
    expect(codeOf(await as('otherOperator', LEDGER, { b: a.basin.id }))).toBe('NOT_FOUND');
    expect(codeOf(await as('otherOperator', RECORD, { input: entry({}) }))).toBe('NOT_FOUND');
  });
});
