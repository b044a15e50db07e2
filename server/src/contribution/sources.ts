import { ContributionOrigin } from '../basin/contribution.entity.js';
import { OrganisationKind } from '../organisation/organisation.entity.js';

/** The four sources of the convention's funding plan (its resources profile: 40 / 20 / 25 / 15 %). */
export type ResourceSource = 'COMPANIES' | 'TERRITORIAL_ACTORS' | 'COLLECTIVITIES' | 'STATE_AND_CDC';
export const RESOURCE_SOURCES: readonly ResourceSource[] = [
  'COMPANIES',
  'TERRITORIAL_ACTORS',
  'COLLECTIVITIES',
  'STATE_AND_CDC',
];

/**
 * The budget line each origin counts in. A revitalisation obligation is money a company owes the territory: it counts
 * with the companies. The European Social Fund is public money that the operator requests: it counts with the State
 * and the Caisse des dépôts, the public funders that the funding plan names.
 */
export const SOURCE_OF_ORIGIN: Record<ContributionOrigin, ResourceSource> = {
  [ContributionOrigin.COMPANIES]: 'COMPANIES',
  [ContributionOrigin.REVITALISATION]: 'COMPANIES',
  [ContributionOrigin.TERRITORIAL_ACTORS]: 'TERRITORIAL_ACTORS',
  [ContributionOrigin.COLLECTIVITIES]: 'COLLECTIVITIES',
  [ContributionOrigin.STATE_AND_CDC]: 'STATE_AND_CDC',
  [ContributionOrigin.EUROPEAN_SOCIAL_FUND]: 'STATE_AND_CDC',
};

/** The source an organisation's pledged staff time counts in, and the origin its contributions usually have. */
export const SOURCE_OF_KIND: Record<OrganisationKind, ResourceSource> = {
  [OrganisationKind.PARTNER_COMPANY]: 'COMPANIES',
  [OrganisationKind.OPERATOR]: 'TERRITORIAL_ACTORS',
  [OrganisationKind.ASSOCIATED_PARTNER]: 'TERRITORIAL_ACTORS',
  [OrganisationKind.COLLECTIVITY]: 'COLLECTIVITIES',
  [OrganisationKind.STATE]: 'STATE_AND_CDC',
  [OrganisationKind.CDC]: 'STATE_AND_CDC',
};

/** The origin a new contribution of this organisation takes unless the operator says otherwise. */
export const defaultOrigin = (kind: OrganisationKind): ContributionOrigin => SOURCE_OF_KIND[kind] as ContributionOrigin;
