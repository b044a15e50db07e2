import { MajorityRule, QuorumBasis } from '../basin/basin.entity.js';
import { ContributionKind, ContributionOrigin } from '../basin/contribution.entity.js';
import { OrganisationKind } from '../organisation/organisation.entity.js';
import { Role } from '../person/membership.entity.js';
import { Civility } from '../person/person.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';

/**
 * The Valenciennois as the press report describes it after three years of ALIZÉ: the organisations are real, the
 * people are invented (no real person's name appears in the demo data).
 */
export const DEMO_DOMAIN = 'demo.agrement.fr';

export const BASIN = {
  name: 'Valenciennois',
  slug: 'valenciennois',
  region: 'Hauts-de-France',
  advanceCap: 15000,
  quorumBasis: QuorumBasis.ORGANISATION,
  quorumPercent: 50,
  majorityRule: MajorityRule.SIMPLE,
  dailyRate: 600,
  timezone: 'Europe/Paris',
} as const;

export const CONVENTION_TARGETS = {
  targetJobsPerYear: 75,
  targetProjectsExaminedPerYear: 15,
  targetProjectsApprovedPerYear: 12,
  targetBudget: 900000,
  shareCompanies: 40,
  shareTerritorialActors: 20,
  shareCollectivities: 25,
  shareStateAndCdc: 15,
  advancesFundTarget: 400000,
  /** Paid in by the funders so far (the press report's basin lent 118 000 € over three years). */
  advancesFundEndowment: 250000,
} as const;

interface OrganisationSpec {
  key: string;
  name: string;
  kind: OrganisationKind;
  town: string | null;
  sector: string | null;
}

export const ORGANISATIONS = [
  {
    key: 'cci',
    name: 'CCI Grand Hainaut',
    kind: OrganisationKind.OPERATOR,
    town: 'Valenciennes',
    sector: "Chambre de commerce et d'industrie",
  },
  {
    key: 'toyota',
    name: 'Toyota Motor Manufacturing France',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: 'Onnaing',
    sector: 'Construction automobile',
  },
  {
    key: 'alstom',
    name: 'Alstom',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: 'Petite-Forêt',
    sector: 'Construction ferroviaire',
  },
  {
    key: 'saint-gobain',
    name: 'Saint-Gobain',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: null,
    sector: 'Matériaux de construction',
  },
  {
    key: 'vallourec',
    name: 'Vallourec',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: 'Saint-Saulve',
    sector: 'Tubes en acier',
  },
  {
    key: 'skf',
    name: 'SKF',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: null,
    sector: 'Roulements et solutions de maintenance',
  },
  {
    key: 'leroy-merlin',
    name: 'Leroy Merlin',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: null,
    sector: 'Distribution bricolage',
  },
  {
    key: 'leclerc',
    name: 'E. Leclerc',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: null,
    sector: 'Grande distribution',
  },
  {
    key: 'soufflet',
    name: 'Soufflet alimentaire',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: 'Valenciennes',
    sector: 'Agroalimentaire',
  },
  {
    key: 'sevelnord',
    name: 'Sevelnord',
    kind: OrganisationKind.PARTNER_COMPANY,
    town: 'Hordain',
    sector: 'Construction automobile',
  },
  {
    key: 'initiative',
    name: 'Initiative Valenciennes',
    kind: OrganisationKind.ASSOCIATED_PARTNER,
    town: 'Valenciennes',
    sector: "Plateforme d'initiative locale (prêts d'honneur)",
  },
  {
    key: 'credit-agricole',
    name: 'Crédit Agricole Nord de France',
    kind: OrganisationKind.ASSOCIATED_PARTNER,
    town: null,
    sector: 'Banque',
  },
  {
    key: 'experts-comptables',
    name: 'Ordre des experts-comptables Hauts-de-France',
    kind: OrganisationKind.ASSOCIATED_PARTNER,
    town: null,
    sector: 'Expertise comptable',
  },
  {
    key: 'valenciennes-metropole',
    name: "Communauté d'agglomération Valenciennes Métropole",
    kind: OrganisationKind.COLLECTIVITY,
    town: 'Valenciennes',
    sector: null,
  },
  {
    key: 'porte-du-hainaut',
    name: "Communauté d'agglomération de la Porte du Hainaut",
    kind: OrganisationKind.COLLECTIVITY,
    town: 'Wallers',
    sector: null,
  },
  {
    key: 'vallee-scarpe',
    name: 'Communauté de communes rurales de la Vallée de la Scarpe',
    kind: OrganisationKind.COLLECTIVITY,
    town: null,
    sector: null,
  },
  { key: 'prefecture', name: 'Préfecture du Nord', kind: OrganisationKind.STATE, town: 'Lille', sector: null },
  {
    key: 'banque-des-territoires',
    name: 'Banque des Territoires (Caisse des Dépôts)',
    kind: OrganisationKind.CDC,
    town: null,
    sector: null,
  },
] as const satisfies readonly OrganisationSpec[];

export type OrgKey = (typeof ORGANISATIONS)[number]['key'];

/** The partner companies: they pledge staff time. */
export const PARTNER_KEYS = [
  'toyota',
  'alstom',
  'saint-gobain',
  'vallourec',
  'skf',
  'leroy-merlin',
  'leclerc',
  'soufflet',
  'sevelnord',
] as const satisfies readonly OrgKey[];
export type PartnerKey = (typeof PARTNER_KEYS)[number];

interface PersonSpec {
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  civility: Civility;
  title: string;
  organisation: OrgKey | null;
  roles: readonly Role[];
  label: string;
}

const email = (local: string) => `${local}@${DEMO_DOMAIN}`;

/** Every demo account, in the order the start banner and the README list them. Names and titles are invented. */
export const PEOPLE = [
  {
    key: 'operator',
    email: email('operateur'),
    firstName: 'Claire',
    lastName: 'Vandenbussche',
    civility: Civility.MADAME,
    title: 'Chargée de mission ALIZÉ',
    organisation: 'cci',
    roles: [Role.OPERATOR],
    label: 'operator (CCI Grand Hainaut)',
  },
  {
    key: 'chair',
    email: email('presidente'),
    firstName: 'Isabelle',
    lastName: 'Delattre',
    civility: Civility.MADAME,
    title: 'Directrice des ressources humaines',
    organisation: 'alstom',
    roles: [Role.CHAIR, Role.MEMBER],
    label: 'chair of the committee and member (Alstom)',
  },
  {
    key: 'alstom',
    email: email('alstom'),
    firstName: 'Thomas',
    lastName: 'Lemaire',
    civility: Civility.MONSIEUR,
    title: 'Ingénieur qualité fournisseurs',
    organisation: 'alstom',
    roles: [Role.MEMBER],
    label: 'member (Alstom), mandatary of Mécanique de Précision de la Scarpe',
  },
  {
    key: 'toyota',
    email: email('toyota'),
    firstName: 'Julien',
    lastName: 'Caron',
    civility: Civility.MONSIEUR,
    title: 'Responsable amélioration continue',
    organisation: 'toyota',
    roles: [Role.MEMBER],
    label: 'member (Toyota Motor Manufacturing France), mandatary of TFS',
  },
  {
    key: 'saint-gobain',
    email: email('saint-gobain'),
    firstName: 'Sophie',
    lastName: 'Decroix',
    civility: Civility.MADAME,
    title: 'Responsable développement local',
    organisation: 'saint-gobain',
    roles: [Role.MEMBER],
    label: 'member (Saint-Gobain)',
  },
  {
    key: 'vallourec',
    email: email('vallourec'),
    firstName: 'Olivier',
    lastName: 'Debruyne',
    civility: Civility.MONSIEUR,
    title: 'Responsable méthodes',
    organisation: 'vallourec',
    roles: [Role.MEMBER],
    label: 'member (Vallourec)',
  },
  {
    key: 'skf',
    email: email('skf'),
    firstName: 'Karim',
    lastName: 'Benali',
    civility: Civility.MONSIEUR,
    title: 'Responsable maintenance et fiabilité',
    organisation: 'skf',
    roles: [Role.MEMBER],
    label: 'member (SKF)',
  },
  {
    key: 'leroy-merlin',
    email: email('leroy-merlin'),
    firstName: 'Aurélie',
    lastName: 'Masson',
    civility: Civility.MADAME,
    title: 'Responsable recrutement régional',
    organisation: 'leroy-merlin',
    roles: [Role.MEMBER],
    label: 'member (Leroy Merlin)',
  },
  {
    key: 'leclerc',
    email: email('leclerc'),
    firstName: 'Frédéric',
    lastName: 'Lannoy',
    civility: Civility.MONSIEUR,
    title: "Responsable logistique de l'entrepôt régional",
    organisation: 'leclerc',
    roles: [Role.MEMBER],
    label: 'member (E. Leclerc)',
  },
  {
    key: 'soufflet',
    email: email('soufflet'),
    firstName: 'Émilie',
    lastName: 'Wattiez',
    civility: Civility.MADAME,
    title: 'Responsable qualité et sécurité alimentaire',
    organisation: 'soufflet',
    roles: [Role.MEMBER],
    label: 'member (Soufflet alimentaire)',
  },
  {
    key: 'sevelnord',
    email: email('sevelnord'),
    firstName: 'Christophe',
    lastName: 'Legrand',
    civility: Civility.MONSIEUR,
    title: 'Responsable achats fournisseurs locaux',
    organisation: 'sevelnord',
    roles: [Role.MEMBER],
    label: 'member (Sevelnord)',
  },
  {
    key: 'initiative',
    email: email('initiative'),
    firstName: 'Laurence',
    lastName: 'Hennebert',
    civility: Civility.MADAME,
    title: "Chargée d'affaires",
    organisation: 'initiative',
    roles: [Role.MEMBER],
    label: 'member (Initiative Valenciennes), prescriber',
  },
  {
    key: 'banque',
    email: email('banque'),
    firstName: 'Vincent',
    lastName: 'Caudron',
    civility: Civility.MONSIEUR,
    title: "Chargé d'affaires entreprises",
    organisation: 'credit-agricole',
    roles: [Role.MEMBER],
    label: 'member (Crédit Agricole Nord de France)',
  },
  {
    key: 'experts-comptables',
    email: email('expert-comptable'),
    firstName: 'Marc',
    lastName: 'Delcourt',
    civility: Civility.MONSIEUR,
    title: "Expert-comptable, délégué de l'Ordre",
    organisation: 'experts-comptables',
    roles: [Role.MEMBER],
    label: 'member (Ordre des experts-comptables)',
  },
  {
    key: 'observer',
    email: email('observateur'),
    firstName: 'Anne',
    lastName: 'Verhaeghe',
    civility: Civility.MADAME,
    title: 'Chargée de mission développement économique, sous-préfecture de Valenciennes',
    organisation: 'prefecture',
    roles: [Role.OBSERVER],
    label: 'observer, steering committee (Préfecture du Nord)',
  },
  {
    key: 'valenciennes-metropole',
    email: email('metropole'),
    firstName: 'Patrick',
    lastName: 'Dumortier',
    civility: Civility.MONSIEUR,
    title: 'Chargé de mission entreprises',
    organisation: 'valenciennes-metropole',
    roles: [Role.OBSERVER],
    label: 'observer, steering committee (Valenciennes Métropole)',
  },
  {
    key: 'dirigeant',
    email: email('dirigeant'),
    firstName: 'Philippe',
    lastName: 'Wallart',
    civility: Civility.MONSIEUR,
    title: 'Gérant, Mécanique de Précision de la Scarpe',
    organisation: null,
    roles: [Role.SME],
    label: 'SME leader (Mécanique de Précision de la Scarpe)',
  },
] as const satisfies readonly PersonSpec[];

export type PersonKey = (typeof PEOPLE)[number]['key'];

export function organisationOf(person: PersonKey): OrgKey | null {
  return PEOPLE.find((p) => p.key === person)?.organisation ?? null;
}

/** Committee members who vote, in the order attendance sheets list them (the chair first). */
export const VOTERS = PEOPLE.filter((p) => (p.roles as readonly Role[]).includes(Role.MEMBER)).map((p) => p.key);

/** Who speaks (and pledges) for each partner company: for Alstom the member, the chair being busy chairing. */
export const PLEDGER: Record<PartnerKey, PersonKey> = {
  toyota: 'toyota',
  alstom: 'alstom',
  'saint-gobain': 'saint-gobain',
  vallourec: 'vallourec',
  skf: 'skf',
  'leroy-merlin': 'leroy-merlin',
  leclerc: 'leclerc',
  soufflet: 'soufflet',
  sevelnord: 'sevelnord',
};

/** Partner companies that usually have the skills a domain calls for. */
export const DOMAIN_PARTNERS: Record<CompetenceDomain, readonly PartnerKey[]> = {
  [CompetenceDomain.QUALITY]: ['alstom', 'toyota', 'vallourec', 'soufflet', 'sevelnord', 'saint-gobain'],
  [CompetenceDomain.PRODUCTION]: ['vallourec', 'alstom', 'skf', 'sevelnord', 'saint-gobain', 'toyota'],
  [CompetenceDomain.LEAN]: ['toyota', 'sevelnord', 'skf'],
  [CompetenceDomain.HR]: ['leroy-merlin', 'leclerc', 'vallourec', 'toyota'],
  [CompetenceDomain.SALES_EXPORT]: ['leroy-merlin', 'leclerc', 'soufflet', 'saint-gobain'],
  [CompetenceDomain.FINANCE]: ['saint-gobain', 'vallourec', 'alstom'],
  [CompetenceDomain.IT]: ['alstom', 'toyota', 'leroy-merlin'],
  [CompetenceDomain.MANAGEMENT]: ['vallourec', 'saint-gobain', 'skf', 'leclerc'],
  [CompetenceDomain.OTHER]: PARTNER_KEYS,
};

export const DOMAIN_LABELS: Record<CompetenceDomain, string> = {
  [CompetenceDomain.QUALITY]: 'qualité',
  [CompetenceDomain.PRODUCTION]: 'production',
  [CompetenceDomain.LEAN]: 'lean et amélioration continue',
  [CompetenceDomain.HR]: 'ressources humaines',
  [CompetenceDomain.SALES_EXPORT]: 'commercial et export',
  [CompetenceDomain.FINANCE]: 'finance',
  [CompetenceDomain.IT]: 'informatique',
  [CompetenceDomain.MANAGEMENT]: 'management',
  [CompetenceDomain.OTHER]: 'autre',
};

/** Staff the partner companies name in their pledges (invented). */
export const EXPERTS: Record<PartnerKey, readonly string[]> = {
  toyota: ['Didier Bocquet', 'Sébastien Lheureux'],
  alstom: ['Hélène Carpentier', 'Bertrand Lefort'],
  'saint-gobain': ['Céline Leroux', 'Arnaud Desmet'],
  vallourec: ['Jérôme Delannoy', 'Sylvie Hochart'],
  skf: ['Mathieu Prévost', 'Damien Vercruysse'],
  'leroy-merlin': ['Nadia Boukhris'],
  leclerc: ['Valérie Cuvelier'],
  soufflet: ['Fabienne Dutoit'],
  sevelnord: ['Stéphane Ledoux', 'Ingrid Vanhove'],
};

export const MEETING_LOCATION = 'CCI Grand Hainaut, Valenciennes';

/**
 * Cash put in each of the convention's three years, in euros. The press report's figures hold over the convention:
 * the Porte du Hainaut pays 39 000 € and Valenciennes Métropole 45 000 € in three years, and these two are the only
 * collectivities that pay (the département and the région stayed out): 8 % of the resources, against 50 % from the
 * large companies once their valued staff time and a revitalisation obligation are counted (see
 * {@link OTHER_CONTRIBUTIONS}).
 */
export const YEARLY_CONTRIBUTIONS: Partial<Record<OrgKey, number>> = {
  toyota: 9000,
  alstom: 9000,
  'saint-gobain': 8000,
  vallourec: 7000,
  skf: 7000,
  'leroy-merlin': 6000,
  leclerc: 5000,
  soufflet: 5000,
  sevelnord: 8000,
  cci: 10000,
  initiative: 3000,
  'credit-agricole': 5000,
  'experts-comptables': 2000,
  'valenciennes-metropole': 15000,
  'porte-du-hainaut': 13000,
  prefecture: 20000,
  'banque-des-territoires': 15000,
};

/** Contributions of another origin or kind than an organisation's usual cash. */
export interface OtherContributionSpec {
  organisation: OrgKey;
  origin: ContributionOrigin;
  kind: ContributionKind;
  /** The convention's year (1 to 3), or every year when absent. */
  conventionYear?: 1 | 2 | 3;
  amount: number;
  label: string;
}

export const OTHER_CONTRIBUTIONS: readonly OtherContributionSpec[] = [
  {
    organisation: 'vallourec',
    origin: ContributionOrigin.REVITALISATION,
    kind: ContributionKind.CASH,
    conventionYear: 2,
    amount: 150000,
    label: 'Convention de revitalisation du site de Saint-Saulve',
  },
  {
    organisation: 'prefecture',
    origin: ContributionOrigin.EUROPEAN_SOCIAL_FUND,
    kind: ContributionKind.CASH,
    amount: 60000,
    label: 'Fonds social européen',
  },
  {
    organisation: 'cci',
    origin: ContributionOrigin.TERRITORIAL_ACTORS,
    kind: ContributionKind.IN_KIND,
    amount: 30000,
    label: 'Mise à disposition de la chargée de mission (valorisation)',
  },
];

/** Staff days a partner commits each year to the SMEs, by kind of organisation (the convention's partner annex). */
export const YEARLY_STAFF_DAYS: Record<OrganisationKind, number> = {
  [OrganisationKind.PARTNER_COMPANY]: 25,
  [OrganisationKind.OPERATOR]: 40,
  [OrganisationKind.ASSOCIATED_PARTNER]: 8,
  [OrganisationKind.COLLECTIVITY]: 4,
  [OrganisationKind.STATE]: 2,
  [OrganisationKind.CDC]: 2,
};

/** The budget annex's uses each year, in euros: they balance a third of the convention's 900 000 € budget. */
export const YEARLY_ANNEX_USES = {
  OPERATOR_STAFF: 70000,
  RUNNING_COSTS: 10000,
  ADVANCES_FUND: 85000,
  PARTNER_STAFF_TIME: 135000,
} as const;

/** The convention's specific objectives, beyond its yearly targets. */
export const CONVENTION_OBJECTIVES = [
  { label: 'PME accompagnées sur les trois ans', target: 36, unit: 'PME' },
  { label: 'Emplois prévus par les projets agréés', target: 225, unit: 'emplois' },
  { label: 'Jours de compétences délivrés par les grandes entreprises', target: 600, unit: 'jours' },
  { label: 'Taux de sinistre des avances remboursables, au plus', target: 6, unit: '%' },
  { label: 'PME reprises ou créées parmi les projets', target: 20, unit: '%' },
] as const;
