import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution, ContributionOrigin } from '../basin/contribution.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { AuditEntry } from '../audit/audit.entity.js';
import { ConventionPartner } from './convention-partner.entity.js';
import { ConventionObjective } from './convention-objective.entity.js';
import { shiftDay, shiftYears } from './periods.js';

const FIELDS = `id label startsOn endsOn status frozen years renewsId renewalId signedAt
  targetJobsPerYear shareCompanies
  partners { id organisation { id name } signed signedOn signatoryName signatureRecordedByName
    commitments { year amount staffDays } }
  budgetAnnex { resources { source year amount } uses { line year amount } resourcesTotal usesTotal }
  objectives { id label target unit signedTarget amendmentReason }`;
const START = `mutation($input: StartConventionInput!) { startConvention(input: $input) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { triennialConvention(conventionId: $id) { ${FIELDS} } }`;
const LIST = `query($b: ID!) { triennialConventions(basinId: $b) { id status } }`;
const TERMS = `mutation($input: ConventionTermsInput!) { updateConventionTerms(input: $input) { id label targetJobsPerYear } }`;
const ADD = `mutation($c: ID!, $o: ID!) { addConventionPartner(conventionId: $c, organisationId: $o) { id } }`;
const REMOVE = `mutation($p: ID!) { removeConventionPartner(partnerId: $p) { id } }`;
const COMMIT = `mutation($input: PartnerCommitmentsInput!) { setPartnerCommitments(input: $input) { id commitments { year amount staffDays } } }`;
const ANNEX = `mutation($input: BudgetAnnexInput!) { setBudgetAnnex(input: $input) { id } }`;
const OBJECTIVES = `mutation($input: ObjectivesInput!) { setConventionObjectives(input: $input) { id } }`;
const SIGN = `mutation($input: SignatureInput!) { recordPartnerSignature(input: $input) { id status signedAt } }`;
const WITHDRAW = `mutation($p: ID!) { withdrawPartnerSignature(partnerId: $p) { id status frozen } }`;
const RENEW = `mutation($c: ID!) { renewConvention(conventionId: $c) { ${FIELDS} } }`;
const AMEND = `mutation($input: AmendObjectiveInput!) { amendObjectiveTarget(input: $input) { id target signedTarget amendmentReason } }`;
const DASHBOARD = `query($b: ID!, $c: ID) { basinDashboard(basinId: $b, conventionId: $c) {
  convention { id } smesSupported jobsPlanned years { index startsOn } resources { source cash } } }`;

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
const tokens: Record<string, string> = {};
const as = (who: string, query: string, variables: Record<string, unknown> = {}) =>
  gql(server, query, variables, { token: tokens[who] });
const today = new Date().toISOString().slice(0, 10);
const thisYear = Number(today.slice(0, 4));
/** The first convention of basin A began a year ago: it runs today. */
const startsOn = shiftYears(today, -1);
const endsOn = shiftDay(shiftYears(startsOn, 3), -1);
const firstYear = Number(startsOn.slice(0, 4));
const lastYear = Number(endsOn.slice(0, 4));

const terms = (conventionId: string, changes: Record<string, unknown> = {}) => ({
  input: {
    conventionId,
    label: `Convention ${firstYear}-${lastYear}`,
    targetJobsPerYear: 80,
    targetProjectsExaminedPerYear: 15,
    targetProjectsApprovedPerYear: 12,
    targetBudget: 900000,
    advancesFundTarget: 400000,
    shareCompanies: 40,
    shareTerritorialActors: 20,
    shareCollectivities: 25,
    shareStateAndCdc: 15,
    ...changes,
  },
});
const stored = (id: string) => server.orm.em.fork().findOneOrFail(TriennialConvention, id);

/** A convention of basin A, drafted through the API with two partners, their commitments, an annex and objectives. */
async function draftWithTwoPartners(t: TestBasin, who: string) {
  const started = await as(who, START, { input: { basinId: t.basin.id, startsOn, label: `Convention ${firstYear}` } });
  expect(started.errors).toBeUndefined();
  const id = started.data!.startConvention.id as string;
  const first = (await as(who, ADD, { c: id, o: t.partner.id })).data!.addConventionPartner.id as string;
  const second = (await as(who, ADD, { c: id, o: t.operatorOrg.id })).data!.addConventionPartner.id as string;
  const commitments = [firstYear, firstYear + 1, firstYear + 2].map((year) => ({ year, amount: 8000, staffDays: 20 }));
  expect((await as(who, COMMIT, { input: { partnerId: first, commitments } })).errors).toBeUndefined();
  const annex = {
    conventionId: id,
    resources: [
      { source: 'COMPANIES', year: firstYear, amount: 120000 },
      { source: 'COLLECTIVITIES', year: firstYear, amount: 75000 },
    ],
    uses: [
      { line: 'OPERATOR_STAFF', year: firstYear, amount: 70000 },
      { line: 'ADVANCES_FUND', year: firstYear + 1, amount: 85000 },
    ],
  };
  expect((await as(who, ANNEX, { input: annex })).errors).toBeUndefined();
  const objectives = [
    { label: 'PME accompagnées', target: 36, unit: 'PME' },
    { label: 'Jours délivrés', target: 600, unit: 'jours' },
  ];
  expect((await as(who, OBJECTIVES, { input: { conventionId: id, objectives } })).errors).toBeUndefined();
  return { id, first, second };
}

const sign = (who: string, partnerId: string, signedOn = today, signatoryName = 'Marie Durand, directrice') =>
  as(who, SIGN, { input: { partnerId, signatoryName, signedOn } });

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'pa');
  b = await createTestBasin(server.orm.em.fork(), 'pb');
  for (const [who, email] of [
    ['operator', 'operator@pa.test'],
    ['observer', 'observer@pa.test'],
    ['member', 'member@pa.test'],
    ['chair', 'chair@pa.test'],
    ['operatorB', 'operator@pb.test'],
  ] as const)
    tokens[who] = await signInToken(server, email, PASSWORD);
}, 60_000);
afterAll(() => server?.close());

let draft: { id: string; first: string; second: string };
let renewalId: string;

describe('a partnership convention', () => {
  it('should be drafted by the operator with partners, commitments by year, a budget annex and objectives', async () => {
    draft = await draftWithTwoPartners(a, 'operator');
    const read = (await as('operator', ONE, { id: draft.id })).data!.triennialConvention;
    expect(read).toMatchObject({
      startsOn,
      endsOn,
      status: 'DRAFT',
      frozen: false,
      signedAt: null,
      years: [firstYear, firstYear + 1, firstYear + 2, ...(lastYear > firstYear + 2 ? [lastYear] : [])],
      budgetAnnex: { resourcesTotal: 195000, usesTotal: 155000 },
    });
    expect(read.partners.map((p: any) => [p.organisation.id, p.signed, p.commitments.length])).toEqual([
      [a.operatorOrg.id, false, 0],
      [a.partner.id, false, 3],
    ]);
    expect(read.objectives.map((o: any) => [o.label, o.target, o.unit])).toEqual([
      ['PME accompagnées', 36, 'PME'],
      ['Jours délivrés', 600, 'jours'],
    ]);
    const edited = await as('operator', TERMS, terms(draft.id));
    expect(edited.data?.updateConventionTerms).toMatchObject({ targetJobsPerYear: 80 });
  });

  it('should be read by the steering committee and the national head, and written by the operator only', async () => {
    expect((await as('observer', LIST, { b: a.basin.id })).data?.triennialConventions).toEqual([
      { id: draft.id, status: 'DRAFT' },
    ]);
    // a member reads the periods, targets and objectives, not the partners' money
    expect((await as('member', LIST, { b: a.basin.id })).data?.triennialConventions).toHaveLength(1);
    expect((await as('member', ONE, { id: draft.id })).data?.triennialConvention).toMatchObject({
      partners: null,
      budgetAnnex: null,
      targetJobsPerYear: 80,
    });
    for (const who of ['observer', 'member', 'chair']) {
      expect(codeOf(await as(who, TERMS, terms(draft.id)))).toBe('FORBIDDEN');
      expect(
        codeOf(await as(who, SIGN, { input: { partnerId: draft.first, signatoryName: 'X', signedOn: today } })),
      ).toBe('FORBIDDEN');
    }
    // and alike through the basin
    const basin = (
      await as(
        'member',
        `query($b: ID!) { basin(id: $b) { currentConvention { id partners { id } budgetAnnex { usesTotal } objectives { label } } } }`,
        {
          b: a.basin.id,
        },
      )
    ).data?.basin.currentConvention;
    expect(basin).toMatchObject({ id: draft.id, partners: null, budgetAnnex: null });
    expect(basin.objectives).toHaveLength(2);
  });

  it("should answer another basin's operator as if the convention did not exist", async () => {
    expect(codeOf(await as('operatorB', ONE, { id: draft.id }))).toBe('NOT_FOUND');
    expect(codeOf(await as('operatorB', TERMS, terms(draft.id)))).toBe('NOT_FOUND');
    expect(codeOf(await as('operatorB', ADD, { c: draft.id, o: b.partner.id }))).toBe('NOT_FOUND');
    expect(codeOf(await sign('operatorB', draft.first))).toBe('NOT_FOUND');
    expect(codeOf(await as('operatorB', RENEW, { c: draft.id }))).toBe('NOT_FOUND');
    expect(codeOf(await as('operatorB', DASHBOARD, { b: b.basin.id, c: draft.id }))).toBe('NOT_FOUND');
    // nor may basin A's operator sign up an organisation of basin B
    expect(codeOf(await as('operator', ADD, { c: draft.id, o: b.partner.id }))).toBe('NOT_FOUND');
  });

  it('should refuse bad input, within stated limits, and write nothing of it', async () => {
    const bad = async (query: string, variables: Record<string, unknown>) => {
      const result = await as('operator', query, variables);
      return [codeOf(result), result.errors?.[0]?.extensions?.fields];
    };
    expect(await bad(TERMS, terms(draft.id, { shareCompanies: 50 }))).toEqual([
      'BAD_USER_INPUT',
      { shares: 'sum', total: '110' },
    ]);
    expect((await bad(TERMS, terms(draft.id, { label: 'x'.repeat(201) })))[0]).toBe('BAD_USER_INPUT');
    expect((await bad(ADD, { c: draft.id, o: a.partner.id }))[0]).toBe('BAD_USER_INPUT');
    const commit = (commitments: unknown[]) => bad(COMMIT, { input: { partnerId: draft.first, commitments } });
    expect((await commit([{ year: lastYear + 1, amount: 1, staffDays: 1 }]))[1]).toEqual({ year: 'outOfPeriod' });
    expect((await commit([{ year: firstYear, amount: 10_000_001, staffDays: 1 }]))[0]).toBe('BAD_USER_INPUT');
    expect((await commit([{ year: firstYear, amount: 1, staffDays: -1 }]))[0]).toBe('BAD_USER_INPUT');
    // a valid line followed by a repeated year: the whole change is refused
    expect(
      (
        await commit([
          { year: firstYear, amount: 1, staffDays: 1 },
          { year: firstYear, amount: 2, staffDays: 2 },
        ])
      )[1],
    ).toEqual({ year: 'duplicate' });
    expect(
      (
        await bad(ANNEX, {
          input: {
            conventionId: draft.id,
            resources: [{ source: 'COMPANIES', year: firstYear, amount: 1 }],
            uses: [{ line: 'RUNNING_COSTS', year: 1999, amount: 1 }],
          },
        })
      )[0],
    ).toBe('BAD_USER_INPUT');
    const many = Array.from({ length: 31 }, (_, i) => ({ label: `O${i}`, target: 1, unit: 'u' }));
    expect((await bad(OBJECTIVES, { input: { conventionId: draft.id, objectives: many } }))[0]).toBe('BAD_USER_INPUT');
    const huge = [{ label: 'O', target: 1e10, unit: 'u' }];
    expect((await bad(OBJECTIVES, { input: { conventionId: draft.id, objectives: huge } }))[0]).toBe('BAD_USER_INPUT');
    expect((await bad(SIGN, { input: { partnerId: draft.first, signatoryName: '', signedOn: today } }))[0]).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await sign('operator', draft.first, '2026-02-30'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await sign('operator', draft.first, shiftDay(today, 1)))).toBe('BAD_USER_INPUT');

    const em = server.orm.em.fork();
    const partner = await em.findOneOrFail(ConventionPartner, draft.first);
    expect(partner.commitments.map((c) => c.amount)).toEqual([8000, 8000, 8000]);
    expect(partner.signedOn).toBeNull();
    expect((await stored(draft.id)).annexUses).toHaveLength(2);
    expect(await em.count(ConventionObjective, { convention: draft.id })).toBe(2);
    expect(await em.count(ConventionPartner, { convention: draft.id })).toBe(2);
  });

  it('should freeze its terms from the first signature, and be signed when every partner has signed', async () => {
    // a partner taken off and put back while still a draft
    expect((await as('operator', REMOVE, { p: draft.second })).errors).toBeUndefined();
    const back = await as('operator', ADD, { c: draft.id, o: a.operatorOrg.id });
    draft.second = back.data!.addConventionPartner.id;

    // a signature recorded by mistake is withdrawn while others have yet to sign: the terms are a draft again
    expect((await sign('operator', draft.first, shiftDay(today, -3))).errors).toBeUndefined();
    expect(codeOf(await as('observer', WITHDRAW, { p: draft.first }))).toBe('FORBIDDEN');
    expect(codeOf(await as('operatorB', WITHDRAW, { p: draft.first }))).toBe('NOT_FOUND');
    expect(codeOf(await as('operator', WITHDRAW, { p: draft.second }))).toBe('BAD_USER_INPUT');
    const withdrawn = await as('operator', WITHDRAW, { p: draft.first });
    expect(withdrawn.data?.withdrawPartnerSignature).toMatchObject({ status: 'DRAFT', frozen: false });
    const trail = await server.orm.em
      .fork()
      .findOneOrFail(
        AuditEntry,
        { entity: 'ConventionPartner', entityId: draft.first, operation: 'UPDATE' },
        { orderBy: { seq: 'desc' } },
      );
    expect(trail.before).toContain(shiftDay(today, -3));

    const first = await sign('operator', draft.first, shiftDay(today, -2));
    expect(first.data?.recordPartnerSignature).toMatchObject({ status: 'SIGNING', signedAt: null });
    expect(codeOf(await sign('operator', draft.first))).toBe('ALREADY_SIGNED');

    const frozen = async (query: string, variables: Record<string, unknown>) =>
      codeOf(await as('operator', query, variables));
    expect(await frozen(TERMS, terms(draft.id, { targetJobsPerYear: 1 }))).toBe('CONVENTION_FROZEN');
    expect(await frozen(ADD, { c: draft.id, o: a.otherPartner.id })).toBe('CONVENTION_FROZEN');
    expect(await frozen(REMOVE, { p: draft.second })).toBe('CONVENTION_FROZEN');
    expect(
      await frozen(COMMIT, {
        input: { partnerId: draft.second, commitments: [{ year: firstYear, amount: 5, staffDays: 0 }] },
      }),
    ).toBe('CONVENTION_FROZEN');
    expect(await frozen(ANNEX, { input: { conventionId: draft.id, resources: [], uses: [] } })).toBe(
      'CONVENTION_FROZEN',
    );
    expect(await frozen(OBJECTIVES, { input: { conventionId: draft.id, objectives: [] } })).toBe('CONVENTION_FROZEN');

    const last = await sign('operator', draft.second);
    expect(last.data?.recordPartnerSignature.status).toBe('RUNNING');
    expect(codeOf(await as('operator', WITHDRAW, { p: draft.second }))).toBe('CONVENTION_FROZEN');
    const read = (await as('observer', ONE, { id: draft.id })).data!.triennialConvention;
    expect(read).toMatchObject({ frozen: true, targetJobsPerYear: 80 });
    expect(read.signedAt).not.toBeNull();
    expect(read.partners.map((p: any) => [p.signed, p.signatoryName, p.signatureRecordedByName])).toEqual([
      [true, 'Marie Durand, directrice', 'operator pa'],
      [true, 'Marie Durand, directrice', 'operator pa'],
    ]);
    expect(read.partners[1].signedOn).toBe(shiftDay(today, -2));
    expect(read.budgetAnnex.usesTotal).toBe(155000);
    expect(read.objectives).toHaveLength(2);
  });

  it('should be amended only through a traced change once signed', async () => {
    const read = (await as('operator', ONE, { id: draft.id })).data!.triennialConvention;
    const objectiveId = read.objectives[0].id;
    const amended = await as('operator', AMEND, {
      input: { objectiveId, target: 40, reason: 'Avenant n° 1 du comité de pilotage' },
    });
    expect(amended.data?.amendObjectiveTarget).toEqual({
      id: objectiveId,
      target: 40,
      signedTarget: 36,
      amendmentReason: 'Avenant n° 1 du comité de pilotage',
    });
    const again = await as('operator', AMEND, { input: { objectiveId, target: 42, reason: 'Avenant n° 2' } });
    expect(again.data?.amendObjectiveTarget).toMatchObject({ target: 42, signedTarget: 36 });
    expect(codeOf(await as('observer', AMEND, { input: { objectiveId, target: 1, reason: 'Non' } }))).toBe('FORBIDDEN');
    expect(codeOf(await as('operatorB', AMEND, { input: { objectiveId, target: 1, reason: 'Non' } }))).toBe(
      'NOT_FOUND',
    );
    // the audit trail keeps each value, before and after
    const trail = await server.orm.em
      .fork()
      .find(
        AuditEntry,
        { entity: 'ConventionObjective', entityId: objectiveId, operation: 'UPDATE' },
        { orderBy: { seq: 'asc' } },
      );
    const target = (json: string | null | undefined) => (JSON.parse(json ?? '{}') as { target?: number }).target;
    expect(trail.map((entry) => [target(entry.before), target(entry.after)])).toEqual([
      [36, 40],
      [40, 42],
    ]);
  });

  it('should be renewed for the next three years, partners and their commitments carried forward as a draft', async () => {
    const renewed = await as('operator', RENEW, { c: draft.id });
    expect(renewed.errors).toBeUndefined();
    const renewal = renewed.data!.renewConvention;
    renewalId = renewal.id;
    const shift = Number(shiftDay(endsOn, 1).slice(0, 4)) - firstYear;
    expect(renewal).toMatchObject({
      startsOn: shiftDay(endsOn, 1),
      endsOn: shiftDay(shiftYears(shiftDay(endsOn, 1), 3), -1),
      status: 'DRAFT',
      renewsId: draft.id,
      label: `Convention ${firstYear + shift}-${lastYear + shift}`,
      targetJobsPerYear: 80,
    });
    expect(renewal.partners.map((p: any) => [p.organisation.id, p.signed])).toEqual([
      [a.operatorOrg.id, false],
      [a.partner.id, false],
    ]);
    expect(renewal.partners[1].commitments.map((c: any) => c.year)).toEqual([
      firstYear + shift,
      firstYear + shift + 1,
      firstYear + shift + 2,
    ]);
    expect(renewal.budgetAnnex.resources.map((r: any) => r.year)).toEqual([firstYear + shift, firstYear + shift]);
    expect(renewal.objectives.map((o: any) => [o.label, o.target, o.signedTarget])).toEqual([
      ['PME accompagnées', 42, null],
      ['Jours délivrés', 600, null],
    ]);
    expect((await as('operator', ONE, { id: draft.id })).data?.triennialConvention.renewalId).toBe(renewalId);

    // a new partner joins the renewal; the renewal never takes the place of the convention that runs
    expect((await as('operator', ADD, { c: renewalId, o: a.otherPartner.id })).errors).toBeUndefined();
    const current = await as('observer', `query($b: ID!) { basin(id: $b) { currentConvention { id } } }`, {
      b: a.basin.id,
    });
    expect(current.data?.basin.currentConvention.id).toBe(draft.id);
    expect((await as('observer', LIST, { b: a.basin.id })).data?.triennialConventions).toEqual([
      { id: renewalId, status: 'DRAFT' },
      { id: draft.id, status: 'RUNNING' },
    ]);
  });

  it('should be renewed once, and a draft not at all', async () => {
    expect(codeOf(await as('operator', RENEW, { c: draft.id }))).toBe('CONVENTION_ALREADY_RENEWED');
    expect(codeOf(await as('operator', RENEW, { c: renewalId }))).toBe('CONVENTION_NOT_SIGNED');
    expect(codeOf(await as('observer', RENEW, { c: draft.id }))).toBe('FORBIDDEN');
    const objective = (await as('operator', ONE, { id: renewalId })).data!.triennialConvention.objectives[0].id;
    expect(codeOf(await as('operator', AMEND, { input: { objectiveId: objective, target: 1, reason: 'Draft' } }))).toBe(
      'CONVENTION_NOT_SIGNED',
    );
    expect(
      codeOf(await as('operator', START, { input: { basinId: a.basin.id, startsOn: today, label: 'Une autre' } })),
    ).toBe('CONVENTION_ALREADY_RENEWED');
    expect(await server.orm.em.fork().count(TriennialConvention, { basin: a.basin.id })).toBe(2);
  });

  it('should be signed by two last signatures at once, and keep one renewal of three asked at once', async () => {
    const signed = await draftWithTwoPartners(b, 'operatorB');
    // the last two signatures at the same moment: the convention is signed all the same
    const both = await Promise.all([sign('operatorB', signed.first), sign('operatorB', signed.second)]);
    expect(both.map(codeOf)).toEqual([undefined, undefined]);
    expect((await stored(signed.id)).signedAt).toBeInstanceOf(Date);
    const results = await Promise.all([1, 2, 3].map(() => as('operatorB', RENEW, { c: signed.id })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['CONVENTION_ALREADY_RENEWED', 'CONVENTION_ALREADY_RENEWED']);
    const em = server.orm.em.fork();
    expect(await em.count(TriennialConvention, { basin: b.basin.id })).toBe(2);
    const renewal = await em.findOneOrFail(TriennialConvention, { renews: signed.id });
    expect(await em.count(ConventionPartner, { convention: renewal.id })).toBe(2);
  });
});

describe('the dashboard of a convention period', () => {
  it('should count each figure in its own period, the one in force by default', async () => {
    const em = server.orm.em.fork();
    const project = em.create(Project, {
      basin: a.basin.id,
      sme: a.sme.id,
      title: 'Projet de la période',
      prescriber: a.people.prescriber.id,
      prescriberOrganisation: a.associated.id,
      status: ProjectStatus.APPROVED,
      jobsPlanned: 7,
    });
    em.create(Decision, { project, outcome: DecisionOutcome.APPROVED, recordedBy: a.people.chair.id });
    em.create(Contribution, {
      basin: a.basin.id,
      organisation: a.partner.id,
      year: thisYear,
      amount: 3000,
      origin: ContributionOrigin.COMPANIES,
    });
    await em.flush();
    const figures = async (c: string | null) =>
      (await as('observer', DASHBOARD, { b: a.basin.id, c })).data?.basinDashboard;
    const current = await figures(null);
    const running = await figures(draft.id);
    expect(current).toEqual(running);
    expect(current).toMatchObject({ convention: { id: draft.id }, smesSupported: 1, jobsPlanned: 7 });
    expect(current.years[0].startsOn).toBe(startsOn);
    expect(current.resources[0]).toEqual({ source: 'COMPANIES', cash: 3000 });

    const next = await figures(renewalId);
    expect(next).toMatchObject({ convention: { id: renewalId }, smesSupported: 0, jobsPlanned: 0 });
    expect(next.years[0].startsOn).toBe(shiftDay(endsOn, 1));
    expect(next.resources[0]).toEqual({ source: 'COMPANIES', cash: 0 });
    expect(codeOf(await as('member', DASHBOARD, { b: a.basin.id, c: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
  });
});
