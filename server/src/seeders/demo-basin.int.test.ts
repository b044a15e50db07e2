import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { entities } from '../db/entities.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoBasin } from './demo-basin.js';
import { Basin } from '../basin/basin.entity.js';
import { Contribution } from '../basin/contribution.entity.js';
import { basinDashboard } from '../dashboard/dashboard.service.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { BallotResult, BallotStatus } from '../ballot/ballot.entity.js';
import { ballotResult } from '../ballot/majority.js';
import { Advance } from '../advance/advance.entity.js';
import { repaymentSchedule } from '../advance/schedule.js';

let server: TestServer;

async function countAll(): Promise<Record<string, number>> {
  const em = server.orm.em.fork();
  const counts: Record<string, number> = {};
  for (const entity of entities) {
    if (entity.name === 'BaseEntity') continue;
    counts[entity.name] = await em.count(entity);
  }
  return counts;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('the demo basin', () => {
  it('should be seeded once: a second start neither duplicates nor loses data', async () => {
    expect(await seedDemoBasin(server.orm.em.fork(), databaseFileStore())).toBe(true);
    const first = await countAll();
    expect(first.Project).toBeGreaterThan(20);
    expect(await seedDemoBasin(server.orm.em.fork(), databaseFileStore())).toBe(false);
    expect(await countAll()).toEqual(first);
  });

  it('should let every demo account sign in, and show the operator a convened meeting ready to run', async () => {
    for (const account of DEMO_ACCOUNTS.slice(0, 3)) await signInToken(server, account.email, DEMO_PASSWORD);
    const token = await signInToken(server, 'operateur@demo.agrement.fr', DEMO_PASSWORD);
    const basins = await gql(server, '{ basins { id name advanceCap } }', {}, { token });
    expect(basins.data?.basins).toEqual([
      { id: expect.any(String), name: expect.stringContaining('Valenciennois'), advanceCap: 15000 },
    ]);
    const next = await gql(
      server,
      `query($b: ID!) { meetings(basinId: $b, period: UPCOMING, limit: 1) { items { status chair { email } scheduledAt items { kind title project { status diagnosis { latest { sections { heading } } } } } } } }`,
      { b: basins.data?.basins[0].id },
      { token },
    );
    const meeting = next.data?.meetings.items[0];
    expect(meeting.status).toBe('CONVENED');
    expect(meeting.chair.email).toBe('presidente@demo.agrement.fr');
    expect(new Date(meeting.scheduledAt).getTime()).toBeGreaterThan(Date.now());
    const examinations = meeting.items.filter((i: any) => i.kind === 'PROJECT_EXAMINATION');
    expect(examinations.length).toBeGreaterThanOrEqual(2);
    for (const item of examinations) {
      expect(item.project.status).toBe('SCHEDULED');
      expect(item.project.diagnosis.latest.sections.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('should tell the Valenciennois story of the press report, every figure coming from the rules', async () => {
    const em = server.orm.em.fork();
    const basin = await em.findOneOrFail(Basin, { name: { $like: '%Valenciennois%' } });
    const dashboard = await basinDashboard(em, basin.id);
    expect(dashboard.smesSupported).toBe(27);
    expect(dashboard.advances.advancesCount).toBe(13);
    expect(dashboard.jobsPlanned).toBe(349);
    expect(dashboard.jobsCreated).toBe(78);
    expect(dashboard.jobsPerSme).toBe(12.9);
    const share = (source: string) => dashboard.resources.find((r) => r.source === source)!.share;
    expect(Math.abs(share('COLLECTIVITIES') - 8)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(share('COMPANIES') - 50)).toBeLessThanOrEqual(1);
    const paid = async (name: string) =>
      (await em.find(Contribution, { basin, organisation: { name: { $like: `%${name}%` } } })).reduce(
        (sum, c) => sum + c.amount,
        0,
      );
    expect(await paid('Porte du Hainaut')).toBe(39000);
    expect(await paid('Valenciennes Métropole')).toBe(45000);
  });

  it('should give every approval and rejection of its history the ballot that decided it, under the basin rule', async () => {
    const em = server.orm.em.fork();
    const decisions = await em.find(Decision, { outcome: { $ne: DecisionOutcome.DEFERRED } }, { populate: ['ballot'] });
    expect(decisions.length).toBeGreaterThan(25);
    for (const decision of decisions) {
      const ballot = decision.ballot?.getEntity();
      expect(ballot?.status).toBe(BallotStatus.CLOSED);
      const tally = { for: ballot!.forCount, against: ballot!.againstCount, abstain: ballot!.abstainCount };
      expect(ballot!.result).toBe(ballotResult(ballot!.majorityRule, tally));
      expect(ballot!.result).toBe(
        decision.outcome === DecisionOutcome.APPROVED ? BallotResult.ADOPTED : BallotResult.REJECTED,
      );
      expect(ballot!.castCount).toBe(tally.for + tally.against + tally.abstain);
      const trace = decision.trace as { ballot: { id: string }; quorum: { reached: boolean } };
      expect(trace.ballot.id).toBe(ballot!.id);
      expect(trace.quorum.reached).toBe(true);
    }
    // the repayment schedules are the product's own
    const advances = await em.find(Advance, { disbursedOn: { $ne: null } }, { populate: ['instalments'] });
    expect(advances.length).toBeGreaterThan(5);
    for (const advance of advances) {
      const planned = repaymentSchedule({
        amount: advance.amount,
        startsOn: advance.disbursedOn!,
        deferralMonths: advance.deferralMonths,
        durationMonths: advance.durationMonths,
        frequency: advance.frequency,
      });
      expect(
        advance.instalments
          .getItems()
          .sort((a, b) => a.number - b.number)
          .map((i) => ({ number: i.number, dueOn: i.dueOn, amount: i.amount })),
      ).toEqual(planned);
    }
  });
});
