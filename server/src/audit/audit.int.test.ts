import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import {
  approveProject,
  ok,
  prepareSession,
  openWithQuorum,
  signInAll,
  vote,
  type Who,
} from '../test/committee-session.js';
import { Basin } from '../basin/basin.entity.js';
import { Project } from '../project/project.entity.js';
import { AuditEntry } from './audit.entity.js';
import { verifyChain } from './audit.service.js';

/**
 * The audit trail, against the real server on both databases: every write through the unit of work is recorded with
 * who, what, before and after, in a hash chain per basin that verifies, shows an edited entry, refuses UPDATE and
 * DELETE on PostgreSQL, and stays linear under concurrent writers. Facts fixed by a decision stay fixed.
 */

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
let ta: Record<Who, string>;
let tb: Record<Who, string>;
const postgres = () => !!process.env.DATABASE_URL?.startsWith('postgres');

const CHAIN = `query($b: ID!) { auditChain(basinId: $b) { headSeq headHash verifiedLength intact brokenSeq brokenEntryId brokenReason } }`;
const ENTRIES = `query($b: ID!, $limit: Int) { auditEntries(basinId: $b, limit: $limit) { totalCount items { id seq at actorId actorName entity entityId operation before after hash } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id title jobsPlanned } }`;

async function sql(query: string, params: unknown[] = []) {
  return server.orm.em.fork().getConnection().execute(query, params);
}

beforeAll(async () => {
  server = await startTestServer();
  const em = server.orm.em.fork();
  a = await createTestBasin(em, 'au');
  b = await createTestBasin(em, 'bu');
  ta = await signInAll(server, 'au');
  tb = await signInAll(server, 'bu');
});

afterAll(async () => {
  await server?.close();
});

describe('the audit trail', () => {
  it('should record an update with the values before and after, and who made it', async () => {
    const session = await prepareSession(server, a, { title: 'Ligne de peinture' });
    await ok(server, ta.operator, UPDATE, { id: session.projectId, input: { title: 'Ligne de peinture robotisée' } });
    const { auditEntries } = await ok(server, ta.operator, ENTRIES, { b: a.basin.id, limit: 5 });
    const entry = auditEntries.items.find(
      (e: { entity: string; operation: string }) => e.entity === 'Project' && e.operation === 'UPDATE',
    );
    expect(entry).toMatchObject({
      entityId: session.projectId,
      actorId: a.people.operator.id,
      actorName: 'operator au',
    });
    expect(JSON.parse(entry.before)).toEqual({ title: 'Ligne de peinture' });
    expect(JSON.parse(entry.after)).toEqual({ title: 'Ligne de peinture robotisée' });
  });

  it('should record a write made without the unit of work, as its service tells it', async () => {
    await ok(server, tb.operator, `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) }`, {
      input: { basinId: b.basin.id, personId: b.people.smeLeader.id, role: 'SME' },
    });
    const { auditEntries } = await ok(server, tb.operator, ENTRIES, { b: b.basin.id, limit: 5 });
    const unlinked = auditEntries.items.find((e: { entity: string }) => e.entity === 'Sme');
    expect(unlinked).toMatchObject({ entityId: b.sme.id, operation: 'UPDATE', actorId: b.people.operator.id });
    expect(JSON.parse(unlinked.before)).toEqual({ leader: b.people.smeLeader.id });
    expect(JSON.parse(unlinked.after)).toEqual({ leader: null });
    expect(
      auditEntries.items.some(
        (e: { entity: string; operation: string }) => e.entity === 'Membership' && e.operation === 'DELETE',
      ),
    ).toBe(true);
  });

  it('should keep secrets out: no password hash, no session, no invitation token', async () => {
    const rows = (await sql(`select entity, after from audit_entry where entity in ('Person', 'AuthSession')`)) as {
      entity: string;
      after: string;
    }[];
    expect(rows.some((r) => r.entity === 'AuthSession')).toBe(false);
    const person = rows.find((r) => r.entity === 'Person')!;
    expect(JSON.parse(person.after).passwordHash).toBe('[secret]');
    expect(person.after).not.toContain('scrypt$');
  });

  it('should verify the chain and show its head', async () => {
    const { auditChain } = await ok(server, ta.operator, CHAIN, { b: a.basin.id });
    expect(auditChain).toMatchObject({ intact: true, brokenSeq: null, brokenReason: null });
    expect(auditChain.headSeq).toBeGreaterThan(10);
    expect(auditChain.verifiedLength).toBe(auditChain.headSeq);
    expect(auditChain.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should let the operator and the steering committee read the trail, and answer NOT_FOUND from another basin', async () => {
    expect((await ok(server, ta.observer, CHAIN, { b: a.basin.id })).auditChain.intact).toBe(true);
    expect(codeOf(await gql(server, CHAIN, { b: a.basin.id }, { token: ta.member }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, ENTRIES, { b: a.basin.id }, { token: ta.smeleader }))).toMatch(
      /FORBIDDEN|NOT_FOUND/,
    );
    expect(codeOf(await gql(server, ENTRIES, { b: a.basin.id }, { token: ta.chair }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, CHAIN, { b: a.basin.id }, { token: tb.operator }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, ENTRIES, { b: a.basin.id }, { token: tb.operator }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, CHAIN, { b: a.basin.id }))).toBe('UNAUTHENTICATED');
  });

  it('should keep the chain linear when many people write at once', async () => {
    // a project each, so that nothing but the chain's head makes the writers wait for one another
    const em = server.orm.em.fork();
    const projects = Array.from({ length: 12 }, (_, i) =>
      em.create(Project, {
        basin: a.basin.id,
        sme: a.sme.id,
        title: `Projet ${i}`,
        prescriber: a.people.prescriber.id,
        prescriberOrganisation: a.associated.id,
      }),
    );
    await em.flush();
    const before = (await verifyChain(server.orm.em, a.basin.id)).headSeq;
    await Promise.all(
      projects.map((project, i) =>
        ok(server, ta.operator, UPDATE, { id: project.id, input: { title: `Titre ${i}`, jobsPlanned: i + 1 } }),
      ),
    );
    const verified = await verifyChain(server.orm.em, a.basin.id);
    expect(verified.ok).toBe(true);
    expect(verified.headSeq).toBe(before + 12);
    const entries = await server.orm.em.fork().find(AuditEntry, { chain: a.basin.id }, { orderBy: { seq: 'asc' } });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    // each entry carries the hash of the one before: one line, no fork
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
  });

  it('should record a secret ballot without the order of its voters, and never its box', async () => {
    const session = await prepareSession(server, b, { title: 'Vote secret' });
    await openWithQuorum(server, b, tb, session.meetingId);
    await approveProject(server, b, tb, session, { ballot: 'SECRET', advance: 9000 });
    const rows = (await sql(`select entity, operation, after from audit_entry where chain = ? order by seq`, [
      b.basin.id,
    ])) as { entity: string; operation: string; after: string | null }[];
    expect(rows.some((r) => r.entity === 'BallotParticipation')).toBe(false);
    expect(rows.some((r) => r.entity === 'SealedVote' || r.entity === 'VoteKey')).toBe(false);
    const closed = rows.find((r) => r.entity === 'Ballot' && r.operation === 'UPDATE' && r.after?.includes('CLOSED'));
    const voters = (JSON.parse(closed!.after!) as { voters: { voter: string }[] }).voters.map((v) => v.voter);
    expect(voters).toEqual([...voters].sort());
    expect(voters).toHaveLength(3);
  });

  it('should refuse to change what a decision fixed, and accept the same values back', async () => {
    const session = await prepareSession(server, a, { title: 'Décidé' });
    await openWithQuorum(server, a, ta, session.meetingId);
    await approveProject(server, a, ta, session, { ballot: 'NAMED', advance: 8000 });
    const refused = await gql(
      server,
      UPDATE,
      { id: session.projectId, input: { jobsPlanned: 9 } },
      { token: ta.operator },
    );
    expect(codeOf(refused)).toBe('FIXED_BY_DECISION');
    expect(refused.errors?.[0]?.extensions?.fields).toEqual(['jobsPlanned']);
    const advance = await gql(
      server,
      UPDATE,
      { id: session.projectId, input: { advanceRequested: 20000 } },
      { token: ta.operator },
    );
    expect(codeOf(advance)).toBe('FIXED_BY_DECISION');
    const same = await ok(server, ta.operator, UPDATE, {
      id: session.projectId,
      input: { title: 'Décidé (titre)', jobsPlanned: 5, advanceRequested: 12000 },
    });
    expect(same.updateProject).toMatchObject({ title: 'Décidé (titre)', jobsPlanned: 5 });

    // the decision's trace is readable where the decision is
    const { meeting } = await ok(
      server,
      ta.chair,
      `query($id: ID!) { meeting(id: $id) { items { decision { id trace } } } }`,
      {
        id: session.meetingId,
      },
    );
    const decision = meeting.items.find((i: { decision: unknown }) => i.decision).decision;
    const trace = JSON.parse(decision.trace);
    expect(trace.quorum.reached).toBe(true);
    expect(trace.ballot).toMatchObject({ kind: 'NAMED', for: 3, result: 'ADOPTED' });
    expect(trace.attendance).toHaveLength(5);
  });

  it('should measure a vote with the audit trail (printed, not asserted)', async () => {
    const em = server.orm.em.fork();
    await em.nativeUpdate(Basin, { id: a.basin.id }, { allowVoteChange: true });
    const session = await prepareSession(server, a, { title: 'Chronométrage' });
    await openWithQuorum(server, a, ta, session.meetingId);
    await ok(server, ta.chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: session.projectItemId });
    const opened = await ok(
      server,
      ta.chair,
      `mutation($item: ID!) { openBallot(itemId: $item, input: { kind: NAMED }) { id } }`,
      { item: session.projectItemId },
    );
    const rounds = 30;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) await vote(server, ta.chair, opened.openBallot.id, i % 2 ? 'AGAINST' : 'FOR');
    const perVote = (performance.now() - started) / rounds;
    console.log(
      `castVote: ${perVote.toFixed(1)} ms per vote (${rounds} votes, ${postgres() ? 'PostgreSQL' : 'SQLite'})`,
    );
    expect(perVote).toBeGreaterThan(0);
  });

  it('should name the first edited entry, and refuse UPDATE and DELETE on PostgreSQL', async () => {
    const rows = (await sql(
      `select id, seq from audit_entry where chain = ? and entity = 'Project' order by seq limit 1`,
      [b.basin.id],
    )) as { id: string; seq: number | string }[];
    const target = rows[0]!;
    if (postgres()) {
      await expect(sql(`update audit_entry set after = '{}' where id = ?`, [target.id])).rejects.toThrow(/append-only/);
      await expect(sql(`delete from audit_entry where id = ?`, [target.id])).rejects.toThrow(/append-only/);
      // whoever owns the database can still switch the trigger off: the chain is what shows the edit
      await sql(`alter table audit_entry disable trigger audit_entry_no_change`);
    }
    await sql(`update audit_entry set after = replace(after, 'Vote secret', 'Vote modifié') where id = ?`, [target.id]);
    const { auditChain } = await ok(server, tb.operator, CHAIN, { b: b.basin.id });
    expect(auditChain).toMatchObject({
      intact: false,
      brokenSeq: Number(target.seq),
      brokenEntryId: target.id,
      brokenReason: 'HASH_MISMATCH',
      verifiedLength: Number(target.seq) - 1,
    });
    // one basin's chain does not depend on another's
    expect((await ok(server, ta.operator, CHAIN, { b: a.basin.id })).auditChain.intact).toBe(true);
    if (postgres()) await sql(`alter table audit_entry enable trigger audit_entry_no_change`);
  });
});
