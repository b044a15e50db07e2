import type { TestServer } from './harness.js';
import type { TestBasin } from './fixtures.js';
import { approveProject, ok, openWithQuorum, prepareSession, signInAll, type Who } from './committee-session.js';

/** The kinds of record an operation may name by id. */
export type RecordKind =
  | 'basin'
  | 'organisation'
  | 'person'
  | 'project'
  | 'diagnosisVersion'
  | 'attachment'
  | 'meeting'
  | 'agendaItem'
  | 'ballot'
  | 'pledge'
  | 'advance'
  | 'signature'
  | 'sme'
  | 'decision'
  | 'contribution'
  | 'treasuryMovement'
  | 'triennialConvention'
  | 'conventionPartner'
  | 'conventionObjective';

export interface BasinRecords {
  ids: Record<RecordKind, string>;
  tokens: Record<Who, string>;
}

/**
 * One record of every kind in a basin, made through the API as the committee would: a project with a diagnosis
 * and an attachment, a session that approved it (pledges, a named ballot, a decision, the convention and its
 * signatures, the advance, disbursed) and closed (its minutes); a contribution, an endowment, and a partnership
 * convention drafted with a partner and an objective.
 */
export async function recordsOfEveryKind(server: TestServer, basin: TestBasin): Promise<BasinRecords> {
  const slug = basin.basin.slug;
  const tokens = await signInAll(server, slug);
  const session = await prepareSession(server, basin, { title: `Projet ${slug}` });
  const versionId = (
    await ok(server, tokens.operator, `query($id: ID!) { project(id: $id) { diagnosis { latest { id } } } }`, {
      id: session.projectId,
    })
  ).project.diagnosis.latest.id as string;
  const attachment = await ok(
    server,
    tokens.operator,
    `mutation($v: ID!, $f: AttachmentInput!) { addAttachment(versionId: $v, file: $f) { id } }`,
    {
      v: versionId,
      f: { fileName: 'note.txt', mimeType: 'text/plain', contentBase64: Buffer.from('note').toString('base64') },
    },
  );
  await openWithQuorum(server, basin, tokens, session.meetingId);
  await approveProject(server, basin, tokens, session, { ballot: 'NAMED', advance: 12000 });
  const decided = await ok(
    server,
    tokens.operator,
    `query($p: ID!, $m: ID!) {
      project(id: $p) { pledges { id } cooperationConvention { signatures { id } advance { id } } }
      meeting(id: $m) { items { id ballot { id } decision { id } } }
    }`,
    { p: session.projectId, m: session.meetingId },
  );
  const advanceId = decided.project.cooperationConvention.advance.id as string;
  // every party signs the convention and its annex: only then is the advance paid
  for (const { id } of decided.project.cooperationConvention.signatures as { id: string }[]) {
    await ok(
      server,
      tokens.operator,
      `mutation($s: ID!, $on: String!) { recordSignature(signatureId: $s, signedOn: $on) { id } }`,
      { s: id, on: new Date().toISOString().slice(0, 10) },
    );
  }
  // the fund has the cash: the operator records its endowment first
  const endowment = await ok(
    server,
    tokens.operator,
    `mutation($b: ID!) { recordEndowment(input: { basinId: $b, amount: 50000, occurredOn: "2025-01-02", label: "Dotation" }) { id } }`,
    { b: basin.basin.id },
  );
  await ok(
    server,
    tokens.operator,
    `mutation($id: ID!) { disburseAdvance(id: $id, disbursedOn: "2025-01-15",
      terms: { deferralMonths: 6, durationMonths: 24, frequency: QUARTERLY }) { id } }`,
    { id: advanceId },
  );
  await ok(server, tokens.chair, `mutation($id: ID!) { closeMeeting(id: $id, deferUntreated: true) { status } }`, {
    id: session.meetingId,
  });
  const contribution = await ok(
    server,
    tokens.operator,
    `mutation($input: RecordContributionInput!) { recordContribution(input: $input) { id } }`,
    {
      input: {
        basinId: basin.basin.id,
        organisationId: basin.partner.id,
        year: 2025,
        amount: 8000,
        kind: 'CASH',
        origin: 'COMPANIES',
      },
    },
  );
  // a partnership convention drafted for a later period, with a partner and an objective
  const partnership = await ok(
    server,
    tokens.operator,
    `mutation($b: ID!) { startConvention(input: { basinId: $b, startsOn: "2030-01-01", label: "Convention 2030" }) { id } }`,
    { b: basin.basin.id },
  );
  const conventionId = partnership.startConvention.id as string;
  const partner = await ok(
    server,
    tokens.operator,
    `mutation($c: ID!, $o: ID!) { addConventionPartner(conventionId: $c, organisationId: $o) { id } }`,
    { c: conventionId, o: basin.partner.id },
  );
  const objectives = await ok(
    server,
    tokens.operator,
    `mutation($c: ID!) { setConventionObjectives(input: { conventionId: $c,
      objectives: [{ label: "PME accompagnées", target: 36, unit: "PME" }] }) { objectives { id } } }`,
    { c: conventionId },
  );
  return {
    tokens,
    ids: {
      basin: basin.basin.id,
      organisation: basin.partner.id,
      person: basin.people.prescriber.id,
      project: session.projectId,
      diagnosisVersion: versionId,
      attachment: attachment.addAttachment.id as string,
      meeting: session.meetingId,
      agendaItem: session.projectItemId,
      ballot: decided.meeting.items.find((item: { ballot: { id: string } | null }) => item.ballot).ballot.id,
      pledge: decided.project.pledges[0].id,
      advance: advanceId,
      signature: decided.project.cooperationConvention.signatures[0].id,
      sme: basin.sme.id,
      decision: decided.meeting.items.find((item: { decision: { id: string } | null }) => item.decision).decision.id,
      contribution: contribution.recordContribution.id as string,
      treasuryMovement: endowment.recordEndowment.id as string,
      triennialConvention: conventionId,
      conventionPartner: partner.addConventionPartner.id as string,
      conventionObjective: objectives.setConventionObjectives.objectives[0].id as string,
    },
  };
}
