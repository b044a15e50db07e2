/**
 * What the audit trail records of each entity, in one place: the path of relations from a row to its basin (whose
 * chain the entry joins), the network chain, or nothing. A new entity without a policy stops the server at start
 * (see `checkAuditPolicies`), so nobody forgets to decide.
 */
export interface AuditPolicy {
  /**
   * Relations from the entity to its basin, the last one being the basin itself (`['project', 'basin']`);
   * `'self'` for the Basin; `'network'` for network-level rows; `'excluded'` for rows never recorded.
   */
  chain: readonly string[] | 'self' | 'network' | 'excluded';
  /** Properties never written to the trail (secrets); their change is recorded as `"[secret]"`. */
  secret?: readonly string[];
}

/** Properties that are secrets wherever they appear. */
export const ALWAYS_SECRET: readonly string[] = ['passwordHash', 'tokenHash'];

export const AUDIT_POLICIES: Readonly<Record<string, AuditPolicy>> = {
  Basin: { chain: 'self' },
  TriennialConvention: { chain: ['basin'] },
  Contribution: { chain: ['basin'] },
  Organisation: { chain: ['basin'] },
  Person: { chain: 'network' },
  Membership: { chain: ['basin'] },
  // sign-ins and sign-outs: a session is a bearer secret, and one row per sign-in is not a write of the programme
  AuthSession: { chain: 'excluded' },
  Invitation: { chain: ['basin'] },
  Sme: { chain: ['basin'] },
  Project: { chain: ['basin'] },
  CompetenceNeed: { chain: ['project', 'basin'] },
  DiagnosisPaper: { chain: ['project', 'basin'] },
  DiagnosisPaperVersion: { chain: ['paper', 'project', 'basin'] },
  DiagnosisSection: { chain: ['version', 'paper', 'project', 'basin'] },
  Attachment: { chain: ['version', 'paper', 'project', 'basin'] },
  // the bytes of an attachment (its name and checksum are on Attachment)
  StoredFile: { chain: 'network', secret: ['content'] },
  Meeting: { chain: ['basin'] },
  AgendaItem: { chain: ['meeting', 'basin'] },
  Attendance: { chain: ['meeting', 'basin'] },
  HandRaise: { chain: ['meeting', 'basin'] },
  // a member's own note: the trail says that it changed, not what it says
  PrivateNote: { chain: ['agendaItem', 'meeting', 'basin'], secret: ['body'] },
  Ballot: { chain: ['agendaItem', 'meeting', 'basin'] },
  // a secret ballot's participation rows are not recorded one by one (their order would be the voting order): the
  // ballot's close records the voter list, sorted (audit.subscriber.ts, docs/DECISIONS.md)
  BallotParticipation: { chain: ['ballot', 'agendaItem', 'meeting', 'basin'] },
  // the sealed ballot box: never, in any order (docs/BALLOT-SECRECY.md)
  SealedVote: { chain: 'excluded' },
  // idempotency keys of clicks: technical, and one per click would give the voting order of a secret ballot
  VoteKey: { chain: 'excluded' },
  ConflictOfInterest: { chain: ['agendaItem', 'meeting', 'basin'] },
  Pledge: { chain: ['project', 'basin'] },
  Decision: { chain: ['project', 'basin'] },
  Advance: { chain: ['project', 'basin'] },
  RepaymentInstalment: { chain: ['advance', 'project', 'basin'] },
  Repayment: { chain: ['advance', 'project', 'basin'] },
  FollowUpReport: { chain: ['project', 'basin'] },
  Minutes: { chain: ['meeting', 'basin'] },
  // the frozen signed PDF: the trail keeps its SHA-256 (signedPdfSha256), not its bytes
  CooperationConvention: { chain: ['basin'], secret: ['signedPdf'] },
  ConventionSignature: { chain: ['convention', 'basin'] },
  CalendarFeed: { chain: 'network' },
  ReminderLog: { chain: ['basin'] },
  ChairTerm: { chain: ['basin'] },
  BasinSettingChange: { chain: ['basin'] },
  DecisionReview: { chain: ['basin'] },
  Orientation: { chain: ['basin'] },
  TreasuryMovement: { chain: ['basin'] },
  ConventionPartner: { chain: ['convention', 'basin'] },
  ConventionObjective: { chain: ['convention', 'basin'] },
  AuditEntry: { chain: 'excluded' },
  AuditChainHead: { chain: 'excluded' },
};

/** Throws at start when an entity has no audit policy, or a policy names a relation that does not exist. */
export function checkAuditPolicies(
  entities: readonly { className: string; abstract?: boolean; properties: Record<string, unknown> }[],
): void {
  for (const meta of entities) {
    if (meta.abstract) continue;
    const policy = AUDIT_POLICIES[meta.className];
    if (!policy) throw new Error(`Entity ${meta.className} has no audit policy (server/src/audit/audit-policy.ts)`);
    if (Array.isArray(policy.chain) && !(policy.chain[0]! in meta.properties)) {
      throw new Error(`The audit path of ${meta.className} starts with an unknown relation ${policy.chain[0]}`);
    }
  }
}
