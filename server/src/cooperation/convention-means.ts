import type { EntityManager } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';
import type { Organisation } from '../organisation/organisation.entity.js';
import { Project } from '../project/project.entity.js';
import type { CompetenceDomain } from '../project/competence-need.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { type ConventionSignature, SignatureStatus } from './convention.entity.js';

export interface ConventionMean {
  organisation: Organisation;
  domain: CompetenceDomain;
  profile: string;
  days: number;
  /** Days × the basin's daily valuation, in euros. */
  valuation: number;
}

/** The competence days pledged, by company and competence, valued at the basin's daily rate. */
export async function conventionMeans(em: EntityManager, projectId: string): Promise<ConventionMean[]> {
  const project = await em.findOneOrFail(Project, projectId);
  const basin = await em.findOneOrFail(Basin, project.basin.id);
  const pledges = await em.find(
    Pledge,
    { project, withdrawn: false },
    { populate: ['organisation'], orderBy: { createdAt: 'asc' } },
  );
  const means = new Map<string, ConventionMean>();
  for (const pledge of pledges) {
    const key = `${pledge.organisation.id}|${pledge.domain}|${pledge.profile}`;
    const mean = means.get(key) ?? {
      organisation: pledge.organisation.getEntity(),
      domain: pledge.domain,
      profile: pledge.profile,
      days: 0,
      valuation: 0,
    };
    mean.days += pledge.days;
    mean.valuation = Math.round(mean.days * basin.dailyRate);
    means.set(key, mean);
  }
  return [...means.values()].sort(
    (x, y) => x.organisation.name.localeCompare(y.organisation.name, 'fr') || x.profile.localeCompare(y.profile, 'fr'),
  );
}

/** Whether every party has signed. */
export const fullySigned = (signatures: ConventionSignature[]): boolean =>
  signatures.length > 0 && signatures.every((s) => s.status === SignatureStatus.SIGNED);
