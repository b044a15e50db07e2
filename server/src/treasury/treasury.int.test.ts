import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Advance, AdvanceStatus } from '../advance/advance.entity.js';
import {
  ConventionParty,
  ConventionSignature,
  CooperationConvention,
  SignatureStatus,
} from '../cooperation/convention.entity.js';
import { TreasuryMovement } from './treasury-movement.entity.js';
import { Contribution } from '../basin/contribution.entity.js';

const TREASURY = `query($b: ID!) { treasury(basinId: $b) {
  advancesFund { balance endowed disbursed repaid writtenOff movements { id kind amount cashEffect label on } }
  runningCosts { balance credited spent year cap spentThisYear leftThisYear movements { kind amount cashEffect } } } }`;
const ENDOW = `mutation($input: EndowmentInput!) { recordEndowment(input: $input) { id account kind amount } }`;
const EXPENSE = `mutation($input: ExpenseInput!) { recordExpense(input: $input) { id amount } }`;
const DISBURSE = `mutation($id: ID!, $on: String!) {
  disburseAdvance(id: $id, disbursedOn: $on, terms: { deferralMonths: 0, durationMonths: 10, frequency: MONTHLY }) { status } }`;
const REPAY = `mutation($id: ID!, $amount: Int!, $on: String!) { recordRepayment(advanceId: $id, amount: $amount, paidOn: $on) { amount } }`;
const DEFAULT = `mutation($id: ID!) { declareDefault(id: $id) { status lossAmount defaultedOn } }`;
const DASHBOARD = `query($b: ID!) { basinDashboard(basinId: $b) {
  advances { endowment available lent repaid losses } runningCosts { balance cap spentThisYear leftThisYear } } }`;
const RECORD_CONTRIBUTION = `mutation($input: RecordContributionInput!) { recordContribution(input: $input) { id } }`;

let server: TestServer;
let a: TestBasin;
const tokens: Record<string, string> = {};
const as = (who: string, query: string, variables: Record<string, unknown>) =>
  gql(server, query, variables, { token: tokens[who] });
const today = new Date().toISOString().slice(0, 10);
const thisYear = Number(today.slice(0, 4));

/** An advance granted by an approval, its convention signed by every party. */
async function grantedAdvance(t: TestBasin, amount: number): Promise<string> {
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: t.basin.id,
    sme: t.sme.id,
    title: `Projet ${amount}`,
    prescriber: t.people.prescriber.id,
    prescriberOrganisation: t.associated.id,
    status: ProjectStatus.APPROVED,
  });
  const decision = em.create(Decision, {
    project,
    outcome: DecisionOutcome.APPROVED,
    advanceAmount: amount,
    recordedBy: t.people.chair.id,
  });
  const advance = em.create(Advance, { project, decision, amount });
  const convention = em.create(CooperationConvention, { basin: t.basin.id, project, decision });
  [ConventionParty.SME_LEADER, ConventionParty.CHAIR, ConventionParty.OPERATOR].forEach((party, position) =>
    em.create(ConventionSignature, {
      convention,
      position,
      party,
      partyName: party,
      capacity: party,
      annexOnly: party === ConventionParty.OPERATOR,
      status: SignatureStatus.SIGNED,
      signedOn: today,
    }),
  );
  await em.flush();
  return advance.id;
}

const endow = (who: string, t: TestBasin, amount: number, account = 'ADVANCES_FUND') =>
  as(who, ENDOW, { input: { basinId: t.basin.id, account, amount, occurredOn: today, label: 'Dotation' } });
const expense = (amount: number, occurredOn = today, who = 'operator') =>
  as(who, EXPENSE, { input: { basinId: a.basin.id, amount, occurredOn, label: 'Salle' } });

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'tr');
  for (const [who, email] of [
    ['operator', 'operator@tr.test'],
    ['observer', 'observer@tr.test'],
    ['member', 'member@tr.test'],
  ] as const)
    tokens[who] = await signInToken(server, email, PASSWORD);
});
afterAll(() => server?.close());

describe('the advances fund', () => {
  it('should refuse a disbursement when the fund lacks the cash, and write nothing', async () => {
    const id = await grantedAdvance(a, 12000);
    const refused = await as('operator', DISBURSE, { id, on: today });
    expect(codeOf(refused)).toBe('FUND_INSUFFICIENT');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ available: 0, amount: 12000 });
    const advance = await server.orm.em.fork().findOneOrFail(Advance, id);
    expect(advance.status).toBe(AdvanceStatus.GRANTED);

    expect((await endow('operator', a, 15000)).errors).toBeUndefined();
    expect((await as('operator', DISBURSE, { id, on: today })).data?.disburseAdvance.status).toBe('DISBURSED');
  });

  it('should let only one of two concurrent disbursements through when together they exceed the cash', async () => {
    // 3 000 € left; two advances of 2 000 € race
    const [first, second] = [await grantedAdvance(a, 2000), await grantedAdvance(a, 2000)];
    const results = await Promise.all([
      as('operator', DISBURSE, { id: first, on: today }),
      as('operator', DISBURSE, { id: second, on: today }),
    ]);
    expect(results.filter((r) => r.data?.disburseAdvance?.status === 'DISBURSED')).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['FUND_INSUFFICIENT']);
    const fund = (await as('operator', TREASURY, { b: a.basin.id })).data?.treasury.advancesFund;
    expect(fund).toMatchObject({ endowed: 15000, disbursed: 14000, balance: 1000 });
  });

  it('should derive its movements from endowments, contributions, disbursements, repayments and losses', async () => {
    const contribution = await as('operator', RECORD_CONTRIBUTION, {
      input: {
        basinId: a.basin.id,
        organisationId: a.partner.id,
        year: thisYear,
        amount: 5000,
        kind: 'CASH',
        origin: 'COMPANIES',
        label: 'Abondement du fonds',
        receivedOn: today,
        toAdvancesFund: true,
      },
    });
    expect(contribution.errors).toBeUndefined();
    const running = (await server.orm.em.fork().findOneOrFail(Advance, { amount: 12000 })).id;
    expect((await as('operator', REPAY, { id: running, amount: 1200, on: today })).errors).toBeUndefined();
    const defaulted = await as('operator', DEFAULT, { id: running });
    expect(defaulted.data?.declareDefault).toMatchObject({
      status: 'DEFAULTED',
      lossAmount: 10800,
      defaultedOn: today,
    });

    const fund = (await as('observer', TREASURY, { b: a.basin.id })).data?.treasury.advancesFund;
    expect(fund).toMatchObject({ endowed: 20000, disbursed: 14000, repaid: 1200, writtenOff: 10800 });
    // a loss moves no cash: it was paid out at the disbursement
    expect(fund.balance).toBe(20000 - 14000 + 1200);
    const kinds = fund.movements.map((m: { kind: string; cashEffect: number }) => [m.kind, m.cashEffect]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['ENDOWMENT', 15000],
        ['ENDOWMENT', 5000],
        ['DISBURSEMENT', -12000],
        ['DISBURSEMENT', -2000],
        ['REPAYMENT', 1200],
        ['LOSS', 0],
      ]),
    );
    expect(fund.movements.reduce((sum: number, m: { cashEffect: number }) => sum + m.cashEffect, 0)).toBe(fund.balance);
  });
});

describe('the running costs account', () => {
  it('should take money in and expenses out, and refuse an expense above the yearly cap', async () => {
    expect((await endow('operator', a, 10000, 'RUNNING_COSTS')).errors).toBeUndefined();
    expect((await expense(6000)).errors).toBeUndefined();
    const refused = await expense(4500);
    expect(codeOf(refused)).toBe('RUNNING_COSTS_CAP');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ cap: 10000, spent: 6000, left: 4000, year: thisYear });
    expect((await expense(4500, `${thisYear - 1}-06-01`)).errors).toBeUndefined();
    const costs = (await as('operator', TREASURY, { b: a.basin.id })).data?.treasury.runningCosts;
    expect(costs).toMatchObject({
      credited: 10000,
      spent: 10500,
      balance: -500,
      cap: 10000,
      year: thisYear,
      spentThisYear: 6000,
      leftThisYear: 4000,
    });
  });

  it('should let only one of two concurrent expenses through when together they exceed the cap', async () => {
    const before = await server.orm.em.fork().count(TreasuryMovement, { basin: a.basin.id });
    const results = await Promise.all([expense(3000), expense(3000)]);
    expect(results.filter((r) => r.data?.recordExpense)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['RUNNING_COSTS_CAP']);
    expect(await server.orm.em.fork().count(TreasuryMovement, { basin: a.basin.id })).toBe(before + 1);
  });

  it('should refuse bad input', async () => {
    expect(codeOf(await expense(0))).toBe('BAD_USER_INPUT');
    expect(codeOf(await expense(100, '2026-02-30x'))).toBe('BAD_USER_INPUT');
    const long = await as('operator', EXPENSE, {
      input: { basinId: a.basin.id, amount: 10, occurredOn: today, label: 'x'.repeat(201) },
    });
    expect(codeOf(long)).toBe('BAD_USER_INPUT');
  });
});

describe('the treasury and the dashboard', () => {
  it('should show the same balances on the dashboard', async () => {
    const t = (await as('observer', TREASURY, { b: a.basin.id })).data?.treasury;
    const d = (await as('observer', DASHBOARD, { b: a.basin.id })).data?.basinDashboard;
    expect(d.advances.available).toBe(t.advancesFund.balance);
    expect(d.advances.endowment).toBe(t.advancesFund.endowed);
    expect(d.advances.lent).toBe(t.advancesFund.disbursed);
    expect(d.runningCosts).toEqual({
      balance: t.runningCosts.balance,
      cap: 10000,
      spentThisYear: t.runningCosts.spentThisYear,
      leftThisYear: t.runningCosts.leftThisYear,
    });
  });

  it('should keep the accounts to the operator, the steering committee and the national head', async () => {
    expect(codeOf(await as('member', TREASURY, { b: a.basin.id }))).toBe('FORBIDDEN');
    expect(codeOf(await endow('member', a, 100))).toBe('FORBIDDEN');
    expect(codeOf(await endow('observer', a, 100))).toBe('FORBIDDEN');
    expect(codeOf(await expense(100, today, 'member'))).toBe('FORBIDDEN');
    const other = await createTestBasin(server.orm.em.fork(), 'ts');
    const outsider = await signInToken(server, 'operator@ts.test', PASSWORD);
    expect(codeOf(await gql(server, TREASURY, { b: a.basin.id }, { token: outsider }))).toBe('NOT_FOUND');
    tokens.outsider = outsider;
    expect(codeOf(await endow('outsider', a, 100))).toBe('NOT_FOUND');
    expect((await endow('outsider', other, 100)).errors).toBeUndefined();
  });
});

describe('a movement typed by mistake', () => {
  const REVERSE = `mutation($id: ID!, $reason: String!) { reverseTreasuryMovement(id: $id, reason: $reason) {
    id kind amount label } }`;

  it('should be reversed once, with a reason, freeing its share of the cap', async () => {
    const b = await createTestBasin(server.orm.em.fork(), 'tv');
    tokens.operatorB = await signInToken(server, 'operator@tv.test', PASSWORD);
    const spend = (amount: number) =>
      as('operatorB', EXPENSE, { input: { basinId: b.basin.id, amount, occurredOn: today, label: 'Frappe' } });
    const typo = (await spend(9000)).data?.recordExpense.id;
    expect(codeOf(await spend(1500))).toBe('RUNNING_COSTS_CAP');
    expect(codeOf(await as('operatorB', REVERSE, { id: typo, reason: ' ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await as('member', REVERSE, { id: typo, reason: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(await as('operator', REVERSE, { id: typo, reason: 'x' }))).toBe('NOT_FOUND');
    const reversal = await as('operatorB', REVERSE, { id: typo, reason: 'Erreur de saisie : 900 €' });
    expect(reversal.data?.reverseTreasuryMovement).toMatchObject({ kind: 'EXPENSE', amount: 9000 });
    expect(codeOf(await as('operatorB', REVERSE, { id: typo, reason: 'encore' }))).toBe('MOVEMENT_REVERSED');
    const back = { id: reversal.data?.reverseTreasuryMovement.id, reason: 'et retour' };
    expect(codeOf(await as('operatorB', REVERSE, back))).toBe('MOVEMENT_REVERSED');
    // two reversals of one movement racing: one wins
    const other = (await spend(100)).data?.recordExpense.id;
    const race = await Promise.all([
      as('operatorB', REVERSE, { id: other, reason: 'un' }),
      as('operatorB', REVERSE, { id: other, reason: 'deux' }),
    ]);
    expect(race.filter((r) => r.data?.reverseTreasuryMovement)).toHaveLength(1);
    expect(race.map(codeOf).filter(Boolean)).toEqual(['MOVEMENT_REVERSED']);
    expect((await spend(1500)).errors).toBeUndefined();
    const costs = (await gql(server, TREASURY, { b: b.basin.id }, { token: tokens.operatorB })).data?.treasury
      .runningCosts;
    expect(costs).toMatchObject({ spent: 1500, spentThisYear: 1500, leftThisYear: 8500 });
  });

  it('should refuse to reverse an endowment of the advances fund that is lent already', async () => {
    const t = (await as('operator', TREASURY, { b: a.basin.id })).data?.treasury.advancesFund;
    const endowment = t.movements.find(
      (m: { kind: string; amount: number }) => m.kind === 'ENDOWMENT' && m.amount === 15000,
    );
    const refused = await as('operator', REVERSE, { id: endowment.id, reason: 'Erreur' });
    expect(codeOf(refused)).toBe('FUND_INSUFFICIENT');
  });
});

describe('a contribution paid into the fund', () => {
  it('should not be corrected below what the fund has lent of it, and then write nothing', async () => {
    const c = await createTestBasin(server.orm.em.fork(), 'tw');
    tokens.operatorC = await signInToken(server, 'operator@tw.test', PASSWORD);
    const entry = { organisationId: c.partner.id, year: thisYear, kind: 'CASH', origin: 'COMPANIES', label: 'Fonds' };
    const recorded = await as('operatorC', RECORD_CONTRIBUTION, {
      input: { ...entry, basinId: c.basin.id, amount: 3000, toAdvancesFund: true },
    });
    const contributionId = recorded.data?.recordContribution.id;
    const advance = await grantedAdvance(c, 3000);
    expect((await as('operatorC', DISBURSE, { id: advance, on: today })).errors).toBeUndefined();
    const CORRECT = `mutation($input: CorrectContributionInput!) { correctContribution(input: $input) { id } }`;
    const refused = await as('operatorC', CORRECT, {
      input: { ...entry, contributionId, amount: 1000, toAdvancesFund: true, reason: 'Montant' },
    });
    expect(codeOf(refused)).toBe('FUND_INSUFFICIENT');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'ALREADY_LENT', available: 0 });
    const original = await server.orm.em.fork().findOneOrFail(Contribution, contributionId);
    expect(original.supersededAt).toBeNull();
    const relabelled = await as('operatorC', CORRECT, {
      input: { ...entry, contributionId, amount: 3000, toAdvancesFund: true, reason: 'Libellé', label: 'Dotation' },
    });
    expect(relabelled.errors).toBeUndefined();
  });
});
