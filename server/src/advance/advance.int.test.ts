import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Advance, Repayment } from './advance.entity.js';
import { addMonths } from './schedule.js';
import { TreasuryAccount, TreasuryMovement, TreasuryMovementKind } from '../treasury/treasury-movement.entity.js';
import {
  ConventionParty,
  ConventionSignature,
  CooperationConvention,
  SignatureStatus,
} from '../cooperation/convention.entity.js';

const DISBURSE = `mutation($id: ID!, $on: String!, $terms: RepaymentTermsInput!) {
  disburseAdvance(id: $id, disbursedOn: $on, terms: $terms) { status disbursedOn instalments { number dueOn amount state } } }`;
const REPAY = `mutation($id: ID!, $amount: Int!, $on: String!) { recordRepayment(advanceId: $id, amount: $amount, paidOn: $on) { amount } }`;
const ADVANCE = `query($id: ID!) { advance(id: $id) { status outstanding overdue lossAmount instalments { number amount paidAmount state } } }`;
const FUND = `query($b: ID!) { advancesFund(basinId: $b) { granted lent repaid outstanding losses lossRate referenceLossRate endowment available criticalSize } }`;

let server: TestServer;
let a: TestBasin;
let operator: string;

const today = new Date().toISOString().slice(0, 10);

/** An advance granted by an approval; its convention signed by every party unless `signed` says how many signed. */
async function grantedAdvance(amount: number, signed: number | 'all' = 'all'): Promise<string> {
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: `Advance ${amount}`,
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
    status: ProjectStatus.APPROVED,
  });
  const decision = em.create(Decision, {
    project,
    outcome: DecisionOutcome.APPROVED,
    advanceAmount: amount,
    recordedBy: a.people.chair.id,
  });
  const advance = em.create(Advance, { project, decision, amount });
  const convention = em.create(CooperationConvention, { basin: a.basin.id, project, decision });
  const parties = [
    ConventionParty.SME_LEADER,
    ConventionParty.CHAIR,
    ConventionParty.MANDATARY,
    ConventionParty.OPERATOR,
  ];
  parties.forEach((party, position) => {
    const isSigned = signed === 'all' || position < signed;
    em.create(ConventionSignature, {
      convention,
      position,
      party,
      partyName: party,
      capacity: party,
      annexOnly: party === ConventionParty.OPERATOR,
      status: isSigned ? SignatureStatus.SIGNED : SignatureStatus.PENDING,
      signedOn: isSigned ? today : null,
    });
  });
  await em.flush();
  return advance.id;
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'av');
  await createTestBasin(server.orm.em.fork(), 'aw');
  const em = server.orm.em.fork();
  em.create(TriennialConvention, {
    basin: a.basin.id,
    label: 'Convention',
    startsOn: '2025-01-01',
    endsOn: '2027-12-31',
  });
  em.create(TreasuryMovement, {
    basin: a.basin.id,
    account: TreasuryAccount.ADVANCES_FUND,
    kind: TreasuryMovementKind.ENDOWMENT,
    amount: 100000,
    occurredOn: '2025-01-01',
    label: 'Dotation',
  });
  await em.flush();
  operator = await signInToken(server, 'operator@av.test', PASSWORD);
});
afterAll(() => server?.close());

describe('advances and repayments', () => {
  it('should generate a schedule that sums to the advance, with its dates in order', async () => {
    const id = await grantedAdvance(12345);
    const result = await gql(
      server,
      DISBURSE,
      { id, on: '2026-01-31', terms: { deferralMonths: 6, durationMonths: 24, frequency: 'MONTHLY' } },
      { token: operator },
    );
    expect(result.errors).toBeUndefined();
    const plan = result.data?.disburseAdvance.instalments as { dueOn: string; amount: number }[];
    expect(plan).toHaveLength(24);
    expect(plan.reduce((sum, i) => sum + i.amount, 0)).toBe(12345);
    expect(plan[0]!.dueOn).toBe('2026-08-31');
    expect(plan.map((i) => i.dueOn)).toEqual([...plan.map((i) => i.dueOn)].sort());
    expect(
      codeOf(
        await gql(
          server,
          DISBURSE,
          { id, on: '2026-01-31', terms: { deferralMonths: 6, durationMonths: 24, frequency: 'MONTHLY' } },
          { token: operator },
        ),
      ),
    ).toBe('INVALID_STATE');
  });

  it('should mark instalments on time, late and unpaid, and allocate repayments to the oldest first', async () => {
    const id = await grantedAdvance(3000);
    // disbursed 7 months ago, no deferral, quarterly over a year: two instalments already due
    const on = addMonths(today, -7);
    await gql(
      server,
      DISBURSE,
      { id, on, terms: { deferralMonths: 0, durationMonths: 12, frequency: 'QUARTERLY' } },
      { token: operator },
    );
    let advance = (await gql(server, ADVANCE, { id }, { token: operator })).data?.advance;
    expect(advance.instalments.map((i: any) => i.state)).toEqual(['UNPAID', 'LATE', 'UPCOMING', 'UPCOMING']);
    expect(advance).toMatchObject({ outstanding: 3000, overdue: 1500 });
    await gql(server, REPAY, { id, amount: 1000, on: today }, { token: operator });
    advance = (await gql(server, ADVANCE, { id }, { token: operator })).data?.advance;
    expect(advance.instalments.map((i: any) => [i.paidAmount, i.state])).toEqual([
      [750, 'PAID_LATE'],
      [250, 'LATE'],
      [0, 'UPCOMING'],
      [0, 'UPCOMING'],
    ]);
    expect(advance).toMatchObject({ outstanding: 2000, overdue: 500 });
  });

  it('should refuse a repayment above what is due, a bad date and a stranger, writing nothing', async () => {
    const id = await grantedAdvance(2000);
    await gql(
      server,
      DISBURSE,
      { id, on: '2026-01-15', terms: { deferralMonths: 0, durationMonths: 4, frequency: 'MONTHLY' } },
      { token: operator },
    );
    const before = await server.orm.em.fork().count(Repayment);
    const above = await gql(server, REPAY, { id, amount: 2001, on: today }, { token: operator });
    expect(codeOf(above)).toBe('REPAYMENT_ABOVE_DUE');
    expect(above.errors?.[0]?.extensions?.due).toBe(2000);
    expect(codeOf(await gql(server, REPAY, { id, amount: 100, on: '15/01/2026' }, { token: operator }))).toBe(
      'BAD_USER_INPUT',
    );
    const member = await signInToken(server, 'member@av.test', PASSWORD);
    expect(codeOf(await gql(server, REPAY, { id, amount: 100, on: today }, { token: member }))).toBe('FORBIDDEN');
    const otherOperator = await signInToken(server, 'operator@aw.test', PASSWORD);
    expect(codeOf(await gql(server, REPAY, { id, amount: 100, on: today }, { token: otherOperator }))).toBe(
      'NOT_FOUND',
    );
    expect(await server.orm.em.fork().count(Repayment)).toBe(before);
    await gql(server, REPAY, { id, amount: 2000, on: today }, { token: operator });
    expect((await gql(server, ADVANCE, { id }, { token: operator })).data?.advance).toMatchObject({
      status: 'REPAID',
      outstanding: 0,
    });
  });

  it('should book a default as a loss and show the fund against its critical size and the 6 % reference', async () => {
    const id = await grantedAdvance(5000);
    await gql(
      server,
      DISBURSE,
      { id, on: '2025-06-01', terms: { deferralMonths: 0, durationMonths: 10, frequency: 'MONTHLY' } },
      { token: operator },
    );
    await gql(server, REPAY, { id, amount: 1500, on: '2025-09-01' }, { token: operator });
    const defaulted = await gql(
      server,
      `mutation($id: ID!) { declareDefault(id: $id) { status lossAmount } }`,
      { id },
      { token: operator },
    );
    expect(defaulted.data?.declareDefault).toEqual({ status: 'DEFAULTED', lossAmount: 3500 });
    expect(codeOf(await gql(server, REPAY, { id, amount: 100, on: today }, { token: operator }))).toBe('INVALID_STATE');
    const observer = await signInToken(server, 'observer@av.test', PASSWORD);
    const fund = (await gql(server, FUND, { b: a.basin.id }, { token: observer })).data?.advancesFund;
    // lent: 12 345 + 3 000 + 2 000 + 5 000; repaid: 1 000 + 2 000 + 1 500; loss: 3 500
    expect(fund).toEqual({
      granted: 22345,
      lent: 22345,
      repaid: 4500,
      outstanding: 22345 - 4500 - 3500,
      losses: 3500,
      lossRate: 15.7,
      referenceLossRate: 6,
      endowment: 100000,
      available: 100000 - 22345 + 4500,
      criticalSize: 400000,
    });
  });

  it('should reschedule what remains over new terms, keeping what was paid', async () => {
    const id = await grantedAdvance(1200);
    await gql(
      server,
      DISBURSE,
      { id, on: '2026-01-01', terms: { deferralMonths: 0, durationMonths: 12, frequency: 'MONTHLY' } },
      { token: operator },
    );
    await gql(server, REPAY, { id, amount: 150, on: '2026-02-01' }, { token: operator });
    const resched = await gql(
      server,
      `mutation($id: ID!) { rescheduleAdvance(id: $id, from: "2026-06-01", terms: { deferralMonths: 3, durationMonths: 6, frequency: MONTHLY }) { instalments { number dueOn amount paidAmount } } }`,
      { id },
      { token: operator },
    );
    const plan = resched.data?.rescheduleAdvance.instalments as {
      number: number;
      dueOn: string;
      amount: number;
      paidAmount: number;
    }[];
    expect(plan.reduce((s, i) => s + i.amount, 0)).toBe(1200);
    expect(plan.slice(0, 3)).toEqual([
      { number: 1, dueOn: '2026-02-01', amount: 100, paidAmount: 100 },
      { number: 2, dueOn: '2026-03-01', amount: 50, paidAmount: 50 },
      { number: 3, dueOn: '2026-10-01', amount: 175, paidAmount: 0 },
    ]);
    expect(plan.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

// Last: the advances it grants would change the fund's figures above.
describe('disbursement', () => {
  it('should refuse to disburse before the convention and its annex are signed by every party, writing nothing', async () => {
    const terms = { deferralMonths: 0, durationMonths: 12, frequency: 'MONTHLY' };
    const annexUnsigned = await grantedAdvance(4000, 3);
    const refused = await gql(server, DISBURSE, { id: annexUnsigned, on: today, terms }, { token: operator });
    expect(codeOf(refused)).toBe('CONVENTION_NOT_SIGNED');
    expect(refused.errors?.[0]?.extensions?.missing).toBe(1);
    const oneOfFour = await grantedAdvance(4000, 1);
    expect(codeOf(await gql(server, DISBURSE, { id: oneOfFour, on: today, terms }, { token: operator }))).toBe(
      'CONVENTION_NOT_SIGNED',
    );
    const state = await gql(server, ADVANCE, { id: annexUnsigned }, { token: operator });
    expect(state.data?.advance).toMatchObject({ status: 'GRANTED', instalments: [] });
  });
});
