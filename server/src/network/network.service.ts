import type { EntityManager } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';
import { Project } from '../project/project.entity.js';
import { Advance } from '../advance/advance.entity.js';
import { SUPPORTED } from '../dashboard/dashboard.service.js';
import { nafSection, sizeClassOf } from '../sme/naf.js';

/** A line of a breakdown: the supported projects of one size class, sector or year, across every basin. */
export interface BreakdownRow {
  key: string;
  smesSupported: number;
  projectsSupported: number;
  jobsPlanned: number;
  jobsCreated: number;
  jobsPreserved: number;
  /** Advances granted to these projects, in euros. */
  advancesGranted: number;
}

/** One basin against the network: its jobs per supported SME and the network's. */
export interface BasinComparison {
  basin: Basin;
  smesSupported: number;
  jobsPlanned: number;
  jobsPerSme: number;
  /** The basin's jobs per SME over the network's (1 = the average; 0 when the network has none). */
  ratioToNetwork: number;
}

export interface NetworkBreakdowns {
  smesSupported: number;
  jobsPlanned: number;
  /** Jobs planned per supported SME, over the whole network (the basin dashboard's definition). */
  jobsPerSme: number;
  basins: BasinComparison[];
  bySizeClass: BreakdownRow[];
  bySector: BreakdownRow[];
  byYear: BreakdownRow[];
}

/** What a breakdown says of a project it cannot place (no NAF code, no decision date). */
export const UNKNOWN = 'UNKNOWN';

const round1 = (n: number) => Math.round(n * 10) / 10;
const perSme = (jobs: number, smes: number) => (smes ? round1(jobs / smes) : 0);

/** Size classes from the smallest; other keys (sections, years) in their natural order, UNKNOWN last. */
const SIZE_ORDER = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'];
const rank = (key: string) => (key === UNKNOWN ? Infinity : SIZE_ORDER.indexOf(key));

function breakdown(projects: Project[], granted: Map<string, number>, keyOf: (p: Project) => string): BreakdownRow[] {
  const groups = new Map<string, Project[]>();
  for (const project of projects) {
    const key = keyOf(project);
    groups.set(key, [...(groups.get(key) ?? []), project]);
  }
  const sum = (list: Project[], pick: (p: Project) => number) => list.reduce((total, p) => total + pick(p), 0);
  return [...groups]
    .map(([key, list]) => ({
      key,
      smesSupported: new Set(list.map((p) => p.sme.id)).size,
      projectsSupported: list.length,
      jobsPlanned: sum(list, (p) => p.jobsPlanned),
      jobsCreated: sum(list, (p) => p.jobsCreated),
      jobsPreserved: sum(list, (p) => p.jobsPreserved),
      advancesGranted: sum(list, (p) => granted.get(p.id) ?? 0),
    }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/**
 * The network's supported projects by size class (INSEE), sector (NAF section) and year of approval, and each basin's
 * jobs per SME against the network's — in three statements, whatever the number of basins.
 */
export async function networkBreakdowns(em: EntityManager): Promise<NetworkBreakdowns> {
  const basins = await em.find(Basin, {}, { orderBy: { name: 'asc' } });
  const projects = await em.find(Project, { status: { $in: SUPPORTED } }, { populate: ['sme'] });
  const advances = projects.length
    ? await em.find(Advance, { project: { $in: projects.map((p) => p.id) } }, { fields: ['amount', 'project'] })
    : [];
  const granted = new Map<string, number>();
  for (const advance of advances)
    granted.set(advance.project.id, (granted.get(advance.project.id) ?? 0) + advance.amount);

  const smesSupported = new Set(projects.map((p) => p.sme.id)).size;
  const jobsPlanned = projects.reduce((total, p) => total + p.jobsPlanned, 0);
  const jobsPerSme = perSme(jobsPlanned, smesSupported);
  return {
    smesSupported,
    jobsPlanned,
    jobsPerSme,
    basins: basins.map((basin) => {
      const own = projects.filter((p) => p.basin.id === basin.id);
      const smes = new Set(own.map((p) => p.sme.id)).size;
      const jobs = own.reduce((total, p) => total + p.jobsPlanned, 0);
      const basinPerSme = perSme(jobs, smes);
      return {
        basin,
        smesSupported: smes,
        jobsPlanned: jobs,
        jobsPerSme: basinPerSme,
        ratioToNetwork: jobsPerSme ? Math.round((basinPerSme / jobsPerSme) * 100) / 100 : 0,
      };
    }),
    bySizeClass: breakdown(projects, granted, (p) => sizeClassOf(p.sme.getEntity().headcount)),
    bySector: breakdown(projects, granted, (p) => nafSection(p.sme.getEntity().nafCode) ?? UNKNOWN),
    byYear: breakdown(projects, granted, (p) => (p.decidedAt ? String(p.decidedAt.getUTCFullYear()) : UNKNOWN)),
  };
}
