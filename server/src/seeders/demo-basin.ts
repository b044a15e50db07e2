import type { EntityManager } from '@mikro-orm/core';
import { hashPassword } from '../auth/password.js';
import { Basin } from '../basin/basin.entity.js';
import { DecisionOutcome } from '../decision/decision.entity.js';
import type { FileStore } from '../diagnosis/file-store.js';
import { MeetingStatus } from '../meeting/meeting.entity.js';
import { BASIN, PEOPLE } from './demo-data.js';
import { generateHistory } from './demo-history.js';
import { handWrittenProjects } from './demo-projects.js';
import { detailedPastSessions, plannedSession, upcomingSession } from './demo-sessions.js';
import type { ProjectSpec, SessionSpec } from './demo-specs.js';
import { type Day, Prng, addMonths, dayIn, firstOfMonth } from './demo-tools.js';
import { DemoWriter } from './demo-writer.js';
import { writeDemoDocuments } from './demo-documents.js';

export const DEMO_PASSWORD = 'agrement-demo';

/** Operator first, then the chair, the members, the observers and the SME leader. */
export const DEMO_ACCOUNTS: { email: string; label: string }[] = PEOPLE.map((p) => ({
  email: p.email,
  label: p.label,
}));

/** The press report on the Valenciennois after three years: the generated history completes the hand-written part. */
const PRESS_FIGURES = { jobsPlanned: 349, hires: 78 } as const;

const HISTORY_SEED = 0x2007_0301;
const WRITER_SEED = 0x5eed_a11e;

interface DemoPlan {
  today: Day;
  conventionStart: Day;
  projects: ProjectSpec[];
  pastSessions: SessionSpec[];
  upcoming: SessionSpec;
  planned: SessionSpec;
}

/** Jobs planned and hires reported by the hand-written projects that past sessions approved. */
function handWrittenFigures(projects: ProjectSpec[], sessions: SessionSpec[]): { jobsPlanned: number; hires: number } {
  let jobsPlanned = 0;
  let hires = 0;
  for (const item of sessions.flatMap((s) => s.items)) {
    if (item.kind !== 'EXAMINATION' || item.examination?.outcome !== DecisionOutcome.APPROVED) continue;
    jobsPlanned += projects.find((p) => p.key === item.project)?.jobsPlanned ?? 0;
    hires += (item.examination.reports ?? []).reduce((sum, r) => sum + r.hiresMade, 0);
  }
  return { jobsPlanned, hires };
}

/** Everything the demo holds, dated relative to `now`: the convention began about three years ago. */
function planDemo(now: Date): DemoPlan {
  const today = dayIn(now, BASIN.timezone);
  const handProjects = handWrittenProjects(today);
  const detailed = detailedPastSessions(today);
  const hand = handWrittenFigures(handProjects, detailed);
  const history = generateHistory(
    today,
    { jobsPlanned: PRESS_FIGURES.jobsPlanned - hand.jobsPlanned, hires: PRESS_FIGURES.hires - hand.hires },
    HISTORY_SEED,
  );
  const upcoming = upcomingSession(today);
  return {
    today,
    conventionStart: firstOfMonth(addMonths(today, -34)),
    projects: [...history.projects, ...handProjects],
    pastSessions: [...history.sessions, ...detailed].sort((a, b) => a.day.localeCompare(b.day)),
    upcoming,
    planned: plannedSession(today, upcoming.day),
  };
}

async function writeDemo(
  em: EntityManager,
  files: FileStore,
  plan: DemoPlan,
  now: Date,
  passwordHash: string,
): Promise<void> {
  const writer = new DemoWriter(em, { now, today: plan.today, timeZone: BASIN.timezone }, new Prng(WRITER_SEED));
  await writer.storeAttachments(files, plan.projects);
  writer.writeBasin(plan.conventionStart);
  writer.writePeople(passwordHash);
  plan.projects.forEach((project) => writer.writeProject(project));
  plan.pastSessions.forEach((session) => writer.writePastSession(session));
  writer.writeComingSession(plan.upcoming, MeetingStatus.CONVENED);
  writer.writeComingSession(plan.planned, MeetingStatus.PLANNED);
  await writeDemoDocuments(em, BASIN.slug, now);
}

/**
 * Seeds the Valenciennois demo basin in one transaction. Returns false, writing nothing, when the basin is already
 * there.
 */
export async function seedDemoBasin(em: EntityManager, files: FileStore, now: Date = new Date()): Promise<boolean> {
  if (await em.findOne(Basin, { slug: BASIN.slug })) return false;
  const plan = planDemo(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return em.transactional(async (tem) => {
    // Checked again inside the transaction: another process may have seeded while the password was hashing.
    if (await tem.findOne(Basin, { slug: BASIN.slug })) return false;
    await writeDemo(tem, files, plan, now, passwordHash);
    return true;
  });
}
