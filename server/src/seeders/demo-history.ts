import { RepaymentFrequency } from '../advance/advance.entity.js';
import { DecisionOutcome } from '../decision/decision.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';
import { ProjectKind, ProjectStatus } from '../project/project.entity.js';
import {
  DOMAIN_PARTNERS,
  EXPERTS,
  PLEDGER,
  type PartnerKey,
  type PersonKey,
  VOTERS,
  organisationOf,
} from './demo-data.js';
import { needsSection } from './demo-projects.js';
import type {
  AdvanceSpec,
  AttendanceSpec,
  ExaminationSpec,
  NeedSpec,
  PledgeSpec,
  ProjectSpec,
  ReportSpec,
  RepaymentBehaviour,
  SectionSpec,
  SessionSpec,
} from './demo-specs.js';
import { type Day, Prng, addDays, addMonths, apportion, euros, monthsBetween, workingDay } from './demo-tools.js';

/**
 * The basin's first three years, generated: enough decided projects that the dashboards show what the press report
 * says of the Valenciennois. Names and stories come from the table below; numbers and dates from a seeded generator.
 */

type SectorKey = 'metal' | 'automotive' | 'rail' | 'food' | 'logistics' | 'digital' | 'building' | 'services';

interface NeedTemplate {
  domain: CompetenceDomain;
  profile: string;
  minDays: number;
  maxDays: number;
}

interface Sector {
  label: string;
  context: string;
  needs: readonly NeedTemplate[];
  /** Partner companies that know the trade: they pledge first. */
  partners: readonly PartnerKey[];
}

const need = (domain: CompetenceDomain, profile: string, minDays: number, maxDays: number): NeedTemplate => ({
  domain,
  profile,
  minDays,
  maxDays,
});

const SECTORS: Record<SectorKey, Sector> = {
  metal: {
    label: 'Métallurgie et chaudronnerie',
    context:
      "La métallurgie reste le premier employeur industriel du Valenciennois. Les donneurs d'ordre de la sidérurgie, du ferroviaire et de l'automobile recherchent des sous-traitants de proximité capables de tenir des exigences de qualité et de délai croissantes.",
    needs: [
      need(CompetenceDomain.PRODUCTION, "Ingénieur méthodes, organisation de l'atelier", 5, 10),
      need(CompetenceDomain.QUALITY, "Responsable qualité, préparation à l'ISO 9001", 6, 12),
      need(CompetenceDomain.HR, 'Recrutement et formation de soudeurs et de chaudronniers', 2, 4),
    ],
    partners: ['vallourec', 'alstom', 'saint-gobain', 'skf', 'sevelnord', 'leroy-merlin'],
  },
  automotive: {
    label: 'Sous-traitance automobile',
    context:
      "Le bassin accueille deux sites d'assemblage automobile et leurs fournisseurs de rang 1 ; leurs exigences de qualité (IATF 16949), de livraison synchrone et de coûts conditionnent l'accès des PME à leurs consultations.",
    needs: [
      need(CompetenceDomain.QUALITY, 'Ingénieur qualité fournisseur automobile (IATF 16949)', 8, 12),
      need(CompetenceDomain.LEAN, 'Animateur lean manufacturing', 5, 8),
      need(CompetenceDomain.SALES_EXPORT, 'Acheteur automobile, accès aux consultations des équipementiers', 2, 4),
    ],
    partners: ['toyota', 'sevelnord', 'skf', 'vallourec', 'alstom'],
  },
  rail: {
    label: 'Équipement ferroviaire',
    context:
      "La filière ferroviaire du Valenciennois, l'une des premières d'Europe, réunit constructeurs, équipementiers et centres d'essais ; les constructeurs cherchent à rapprocher leurs fournisseurs de leurs sites d'assemblage.",
    needs: [
      need(CompetenceDomain.QUALITY, 'Ingénieur qualité ferroviaire (ISO/TS 22163)', 8, 12),
      need(CompetenceDomain.PRODUCTION, 'Ingénieur industrialisation', 5, 8),
      need(CompetenceDomain.SALES_EXPORT, 'Accès aux panels fournisseurs des constructeurs', 2, 4),
    ],
    partners: ['alstom', 'vallourec', 'skf', 'saint-gobain'],
  },
  food: {
    label: 'Agroalimentaire',
    context:
      "L'agroalimentaire du Hainaut repose sur un tissu de PME familiales ; l'accès à la restauration collective et à la grande distribution suppose des certifications (IFS, HACCP) et une organisation commerciale que ces entreprises doivent construire.",
    needs: [
      need(CompetenceDomain.QUALITY, 'Responsable qualité agroalimentaire (IFS, HACCP)', 6, 10),
      need(CompetenceDomain.SALES_EXPORT, 'Chef de secteur grande distribution', 3, 6),
      need(CompetenceDomain.PRODUCTION, 'Ingénieur process agroalimentaire', 4, 6),
    ],
    partners: ['soufflet', 'leclerc', 'leroy-merlin', 'toyota'],
  },
  logistics: {
    label: 'Transport et logistique',
    context:
      "La position du Valenciennois sur l'axe Paris-Bruxelles et la présence des sites d'assemblage automobile ont fait de la logistique un gisement important d'emplois, souvent accessibles après une formation courte.",
    needs: [
      need(CompetenceDomain.LEAN, 'Ingénieur logistique, flux et implantation', 6, 9),
      need(CompetenceDomain.IT, "Chef de projet système de gestion d'entrepôt", 3, 5),
      need(CompetenceDomain.HR, 'Recrutement de préparateurs de commandes et de caristes', 2, 4),
    ],
    partners: ['toyota', 'leclerc', 'leroy-merlin', 'sevelnord'],
  },
  digital: {
    label: 'Numérique',
    context:
      "Valenciennes a développé un pôle reconnu dans le numérique, l'image et la simulation, adossé à l'université ; les jeunes entreprises du secteur peinent cependant à structurer leur fonction commerciale.",
    needs: [
      need(CompetenceDomain.SALES_EXPORT, 'Directeur commercial B2B', 4, 6),
      need(CompetenceDomain.FINANCE, 'Contrôleur de gestion, prévisionnel et modèle économique', 2, 4),
      need(CompetenceDomain.IT, 'Architecte logiciel, sécurité et hébergement', 3, 5),
    ],
    partners: ['alstom', 'toyota', 'saint-gobain', 'leroy-merlin'],
  },
  building: {
    label: 'Bâtiment et travaux publics',
    context:
      "Les chantiers de rénovation énergétique et de renouvellement urbain du bassin soutiennent l'activité du bâtiment ; les entreprises manquent de main-d'œuvre qualifiée et doivent former leurs propres équipes.",
    needs: [
      need(CompetenceDomain.MANAGEMENT, 'Conducteur de travaux, organisation des chantiers', 4, 6),
      need(CompetenceDomain.HR, "Recrutement et intégration d'apprentis", 2, 4),
      need(CompetenceDomain.FINANCE, 'Chiffrage et suivi de rentabilité des chantiers', 2, 3),
    ],
    partners: ['saint-gobain', 'leroy-merlin', 'vallourec'],
  },
  services: {
    label: 'Services aux entreprises',
    context:
      'Les services aux entreprises industrielles (maintenance, nettoyage, emballage) accompagnent la croissance des grands sites du bassin, qui privilégient des prestataires de proximité qualifiés.',
    needs: [
      need(CompetenceDomain.PRODUCTION, 'Ingénieur maintenance industrielle', 4, 7),
      need(CompetenceDomain.QUALITY, 'Responsable QHSE, qualification MASE', 4, 6),
      need(CompetenceDomain.SALES_EXPORT, 'Développement commercial auprès des industriels', 2, 4),
    ],
    partners: ['skf', 'vallourec', 'toyota', 'alstom', 'leclerc'],
  },
};

const TAKEOVER_NEED = need(
  CompetenceDomain.MANAGEMENT,
  'Accompagnement du repreneur : management et organisation',
  4,
  6,
);

type AdvanceProfile = RepaymentBehaviour | 'SHORT';

interface Archetype {
  name: string;
  sector: SectorKey;
  town: string;
  headcount: number;
  title: string;
  summary: string;
  kind?: ProjectKind;
  /** Whether the committee granted an advance, and how it was repaid. */
  advance?: AdvanceProfile;
  /** Present when the committee turned the project down. */
  rejection?: string;
}

/** Chronological: the first ones were examined at the basin's first sessions. */
const ARCHETYPES: readonly Archetype[] = [
  {
    name: 'Forges et Estampages de Denain',
    sector: 'metal',
    town: 'Denain',
    headcount: 26,
    kind: ProjectKind.TAKEOVER,
    title: 'Reprise de la forge par son directeur de production',
    summary:
      "Le fondateur part à la retraite ; le directeur de production reprend la forge et ses 26 salariés, et veut moderniser la ligne d'estampage pour conquérir des clients dans le ferroviaire.",
    advance: 'SHORT',
  },
  {
    name: 'Câblages Nord Industrie',
    sector: 'automotive',
    town: 'Onnaing',
    headcount: 18,
    title: "Nouvelle ligne de faisceaux électriques pour l'automobile",
    summary:
      "Sous-traitant de faisceaux électriques qui installe une seconde ligne de production pour répondre à la consultation d'un équipementier de rang 1 du bassin.",
  },
  {
    name: 'Salaisons de la Scarpe',
    sector: 'food',
    town: 'Hasnon',
    headcount: 11,
    title: "Agrandissement de l'atelier de découpe et des chambres froides",
    summary:
      'Charcuterie artisanale qui agrandit son atelier de découpe et ses chambres froides pour fournir la restauration collective des communes de la Vallée de la Scarpe.',
    advance: 'DEFAULTED',
  },
  {
    name: 'Plasturgie du Hainaut',
    sector: 'automotive',
    town: 'Marly',
    headcount: 55,
    title: 'Seconde presse à injecter et démarche IATF 16949',
    summary:
      'Injecteur de pièces plastiques techniques qui investit dans une seconde presse de forte capacité et engage la certification automobile IATF 16949.',
  },
  {
    name: 'Solaire Habitat Conseil',
    sector: 'building',
    town: 'Valenciennes',
    headcount: 5,
    title: 'Pose de panneaux photovoltaïques chez les particuliers',
    summary: 'Entreprise de démarchage à domicile qui veut créer sa propre équipe de pose de panneaux photovoltaïques.',
    rejection:
      'Modèle économique fondé sur le démarchage à domicile, exposé aux litiges de consommation ; aucune qualification professionnelle de poseur à ce jour. Le comité ne souhaite pas engager le dispositif sur ce projet.',
  },
  {
    name: 'Ferro Services Maintenance',
    sector: 'rail',
    town: 'Trith-Saint-Léger',
    headcount: 21,
    title: 'Atelier de révision de bogies et de sous-ensembles ferroviaires',
    summary:
      'Entreprise de maintenance qui crée un atelier de révision de bogies et de sous-ensembles pour les opérateurs ferroviaires régionaux.',
    advance: 'ON_TIME',
  },
  {
    name: 'Inoxa Process',
    sector: 'metal',
    town: 'Saint-Saulve',
    headcount: 15,
    title: "Chaudronnerie inox pour l'agroalimentaire",
    summary:
      "Chaudronnerie spécialisée dans l'inox alimentaire qui agrandit son atelier pour fabriquer cuves et convoyeurs pour les industries agroalimentaires de la région.",
  },
  {
    name: "Menuiseries de l'Amandinois",
    sector: 'building',
    town: 'Saint-Amand-les-Eaux',
    headcount: 14,
    kind: ProjectKind.TAKEOVER,
    title: 'Reprise de la menuiserie par deux salariés',
    summary:
      'Deux compagnons reprennent la menuiserie de leur employeur, qui part à la retraite, et développent la pose de menuiseries performantes pour la rénovation énergétique.',
    advance: 'ON_TIME',
  },
  {
    name: 'Data Hainaut Traçabilité',
    sector: 'digital',
    town: 'Valenciennes',
    headcount: 7,
    title: 'Plateforme de traçabilité pour sous-traitants industriels',
    summary:
      "Jeune entreprise du numérique qui développe une solution de traçabilité des pièces et des lots pour les sous-traitants de l'automobile et du ferroviaire.",
  },
  {
    name: 'Négoce Pièces Auto Express',
    sector: 'services',
    town: 'Anzin',
    headcount: 3,
    title: 'Vente en ligne de pièces détachées importées',
    summary: "Négociant qui veut vendre en ligne des pièces détachées automobiles importées d'Asie.",
    rejection:
      'Projet de négoce sans valeur ajoutée locale ; emplois limités à la logistique d’expédition. Le comité oriente le porteur vers les dispositifs de droit commun.',
  },
  {
    name: 'Boulangerie Industrielle Anzinoise',
    sector: 'food',
    town: 'Anzin',
    headcount: 24,
    title: 'Viennoiserie surgelée pour la restauration collective',
    summary:
      'Boulangerie industrielle qui crée une ligne de viennoiserie crue surgelée pour la restauration collective et les terminaux de cuisson.',
    advance: 'ON_TIME',
  },
  {
    name: 'Peintures Techniques du Valenciennois',
    sector: 'rail',
    town: 'Aulnoy-lez-Valenciennes',
    headcount: 16,
    title: 'Cabine de peinture pour pièces ferroviaires de grande dimension',
    summary:
      'Applicateur de peintures industrielles qui construit une cabine de grande dimension pour peindre des caisses et des sous-ensembles ferroviaires.',
  },
  {
    name: 'Électro-Maintenance Scarpe',
    sector: 'services',
    town: 'Raismes',
    headcount: 19,
    title: 'Maintenance électrique des sites logistiques',
    summary:
      "Entreprise d'électricité industrielle qui crée une équipe dédiée à la maintenance des entrepôts et des plateformes logistiques du bassin.",
    advance: 'ON_TIME',
  },
  {
    name: 'Isolation Thermique du Nord',
    sector: 'building',
    town: "Bruay-sur-l'Escaut",
    headcount: 22,
    title: "Équipe dédiée à l'isolation des bâtiments tertiaires",
    summary:
      "Entreprise d'isolation qui crée une équipe spécialisée dans l'isolation par l'extérieur des bâtiments tertiaires et publics.",
  },
  {
    name: 'Mécasoud Industrie',
    sector: 'metal',
    town: 'Douchy-les-Mines',
    headcount: 33,
    title: 'Soudage robotisé de châssis pour engins de manutention',
    summary:
      'Atelier de mécano-soudure qui investit dans deux cellules de soudage robotisé pour fabriquer des châssis d’engins de manutention.',
    advance: 'ON_TIME',
  },
  {
    name: 'Restauration Rapide du Boulevard',
    sector: 'food',
    town: 'Valenciennes',
    headcount: 9,
    title: "Ouverture d'un second restaurant franchisé",
    summary: 'Franchisé de restauration rapide qui souhaite ouvrir un second point de vente.',
    rejection:
      "Commerce de détail en franchise, hors du champ prioritaire du dispositif ; le financement relève du réseau bancaire et de la plateforme d'initiative locale.",
  },
  {
    name: 'Conserverie de la Porte du Hainaut',
    sector: 'food',
    town: 'Wallers',
    headcount: 8,
    title: 'Légumes cuisinés en conserve : passage à la production semi-industrielle',
    summary:
      'Petite conserverie qui passe à une production semi-industrielle de légumes cuisinés, vendus en circuits courts et en magasins spécialisés.',
  },
  {
    name: 'Stockage et Services Rouvignies',
    sector: 'logistics',
    town: 'Rouvignies',
    headcount: 80,
    title: 'Entrepôt de séquencement de pièces automobiles',
    summary:
      'Prestataire logistique qui ouvre un entrepôt de séquencement de pièces pour les chaînes de montage automobile du bassin.',
    advance: 'LATE',
  },
  {
    name: 'Studio Immersif du Hainaut',
    sector: 'digital',
    town: 'Valenciennes',
    headcount: 6,
    title: 'Réalité virtuelle pour la formation des opérateurs industriels',
    summary:
      "Studio de création numérique qui développe des modules de formation en réalité virtuelle pour les opérateurs de l'industrie.",
  },
  {
    name: "Traitements de Surface de l'Escaut",
    sector: 'metal',
    town: 'Vieux-Condé',
    headcount: 17,
    kind: ProjectKind.TAKEOVER,
    title: "Reprise d'un atelier de traitement de surface",
    summary:
      "Un ingénieur issu d'un grand groupe reprend un atelier de traitement de surface menacé de fermeture et engage sa mise aux normes environnementales.",
    advance: 'ON_TIME',
  },
  {
    name: 'Emballages Cartonnés du Nord',
    sector: 'services',
    town: 'Escaudain',
    headcount: 12,
    title: 'Emballages sur mesure pour le commerce en ligne',
    summary:
      'Cartonnerie qui développe une offre d’emballages sur mesure et de petites séries pour les vendeurs en ligne de la région.',
  },
  {
    name: 'Robotique Intégration Hainaut',
    sector: 'automotive',
    town: 'Famars',
    headcount: 10,
    title: 'Cellules robotisées clés en main pour PME',
    summary:
      'Intégrateur qui conçoit des cellules robotisées standardisées, abordables pour les PME de la sous-traitance.',
  },
  {
    name: 'Brocante Numérique du Nord',
    sector: 'digital',
    town: 'Saint-Amand-les-Eaux',
    headcount: 2,
    title: "Plateforme de revente d'objets d'occasion entre particuliers",
    summary: "Deux associés qui veulent lancer une plateforme régionale de revente d'objets d'occasion.",
    rejection:
      "Marché dominé par des plateformes nationales ; absence d'étude de marché et de modèle de revenus crédible. Le comité invite les porteurs à consolider leur projet avec l'incubateur régional.",
  },
  {
    name: 'Confiserie des Remparts',
    sector: 'food',
    town: 'Valenciennes',
    headcount: 9,
    title: 'Nouvel atelier de confiserie et coffrets pour les entreprises',
    summary:
      "Confiseur artisanal qui crée un atelier de production et une offre de coffrets pour les comités d'entreprise et les cadeaux d'affaires.",
  },
  {
    name: 'Nettoyage Industriel Denaisien',
    sector: 'services',
    town: 'Denain',
    headcount: 38,
    title: 'Nettoyage industriel de sites classés et qualification MASE',
    summary:
      'Entreprise de nettoyage industriel qui obtient la qualification MASE pour intervenir sur les sites industriels classés du bassin.',
    advance: 'ON_TIME',
  },
  {
    name: 'Fibre Réseaux Nord',
    sector: 'building',
    town: "Condé-sur-l'Escaut",
    headcount: 13,
    title: 'Équipes de raccordement en fibre optique',
    summary:
      'Entreprise de réseaux qui forme et recrute des techniciens de raccordement en fibre optique pour les opérateurs.',
  },
  {
    name: 'Sellerie Industrielle du Hainaut',
    sector: 'automotive',
    town: 'Quiévrechain',
    headcount: 11,
    title: 'Garnitures techniques pour véhicules utilitaires et ferroviaires',
    summary:
      'Atelier de sellerie qui diversifie sa production vers les housses et garnitures techniques pour véhicules utilitaires et ferroviaires.',
  },
];

/** Weeks before today of the generated sessions; the detailed ones (55, 31, 17 and 6 weeks ago) fall in between. */
const SESSION_WEEKS_AGO = [141, 134, 127, 120, 113, 106, 99, 92, 85, 78, 71, 64, 47, 40, 25, 11] as const;

const PRESCRIBERS: readonly PersonKey[] = [
  'initiative',
  'initiative',
  'initiative',
  'banque',
  'banque',
  'experts-comptables',
  'toyota',
  'alstom',
  'saint-gobain',
  'vallourec',
  'skf',
  'leroy-merlin',
  'leclerc',
  'soufflet',
  'sevelnord',
];

const REPORT_MONTHS = [3, 6, 12, 18] as const;
const DELIVERY_SHARE: Record<number, number> = { 3: 0.3, 6: 0.3, 12: 0.25, 18: 0.1 };
const HIRING_WEIGHT: Record<number, number> = { 3: 0.15, 6: 0.25, 12: 0.35, 18: 0.25 };

const REPORT_NOTES: Record<number, readonly string[]> = {
  3: [
    "Les premières interventions des partenaires ont démarré comme prévu ; le dirigeant s'est fortement impliqué dans leur préparation.",
    'Démarrage un peu retardé par la disponibilité des experts ; le calendrier des interventions a été recalé avec les partenaires.',
    "Le plan d'action a été validé avec le dirigeant ; les premiers recrutements sont lancés.",
  ],
  6: [
    "Les interventions se poursuivent ; l'entreprise a engagé les investissements prévus.",
    "Le recrutement de profils qualifiés reste difficile ; l'entreprise s'appuie sur les organismes de formation du bassin.",
    "Le chiffre d'affaires progresse conformément au prévisionnel ; aucune difficulté majeure n'est signalée.",
  ],
  12: [
    "Les objectifs de l'année sont atteints pour l'essentiel ; de nouveaux clients ont été gagnés grâce aux compétences acquises.",
    'Retard de quelques mois sur les embauches, lié à un décalage de commandes ; la situation financière reste saine.',
    "L'entreprise a consolidé son organisation ; le mandataire constate une nette montée en compétences de l'équipe.",
  ],
  18: [
    "Fin du suivi : les compétences transférées sont maîtrisées par l'entreprise et les remboursements sont à jour.",
    "Clôture du suivi. Le projet a atteint l'essentiel de ses objectifs ; l'entreprise reste en contact avec le réseau des partenaires.",
    "Suivi clos : l'entreprise poursuit seule son développement et les embauches continueront au-delà de la période de suivi.",
  ],
};

const LATE_NOTE =
  "Deux échéances de l'avance sont impayées à la suite de la perte d'un client ; un rééchelonnement est à l'étude avec l'opérateur.";
const DEFAULT_NOTES: Record<number, string> = {
  6: "Tensions de trésorerie après la perte d'un appel d'offres de restauration collective ; le mandataire a alerté l'opérateur.",
  12: "Perte du principal client et baisse de 40 % du chiffre d'affaires : l'entreprise a été placée en liquidation judiciaire. Le suivi est clos et le solde de l'avance est passé en perte.",
};

const FAVOURABLE_OPINIONS = [
  "Avis favorable. Le dirigeant a une vision claire de son marché et le projet est proportionné aux capacités de l'entreprise.",
  "Avis favorable. Projet réaliste, créateur d'emplois durables sur le territoire ; l'appui en compétences des partenaires sera déterminant.",
  "Avis favorable. L'entreprise est saine et ses clients soutiennent le projet ; le point de vigilance porte sur le rythme des recrutements.",
] as const;

const RESERVED_OPINION =
  'Avis réservé. Le prescripteur présente le dossier pour que le comité se prononce, mais relève un modèle économique à consolider et une création d’emplois incertaine.';

export interface HistoryTargets {
  /** Jobs planned by the generated approved projects, together. */
  jobsPlanned: number;
  /** Hires reported on the generated approved projects, together. */
  hires: number;
}

export interface History {
  projects: ProjectSpec[];
  sessions: SessionSpec[];
}

interface Draft {
  archetype: Archetype;
  key: string;
  decisionDay: Day;
  approved: boolean;
  /** Report months already due (with the few days a mandatary takes to write them). */
  reportMonths: number[];
  jobsPlanned: number;
  hires: number;
  /** Revenue of the last year before the project, in euros. */
  revenue: number;
}

/** Committees do not sit in August or over Christmas: such a session is brought forward (or, early January, put back). */
function outOfHolidays(day: Day): Day {
  let moved = day;
  while (moved.slice(5, 7) === '08') moved = addDays(moved, -21);
  const monthDay = moved.slice(5);
  if (monthDay >= '12-18') moved = addDays(moved, -14);
  else if (monthDay <= '01-04') moved = addDays(moved, 7);
  return workingDay(moved);
}

function sessionDays(today: Day, rng: Prng): Day[] {
  return SESSION_WEEKS_AGO.map((weeks) => outOfHolidays(workingDay(addDays(today, -7 * weeks + rng.int(-2, 2)))));
}

/** How many archetypes each session examines: as even as the counts allow. */
function spread(items: number, sessions: number): number[] {
  return Array.from(
    { length: sessions },
    (_, i) => Math.floor(((i + 1) * items) / sessions) - Math.floor((i * items) / sessions),
  );
}

function dueReportMonths(archetype: Archetype, decisionDay: Day, today: Day): number[] {
  const months = archetype.advance === 'DEFAULTED' ? [3, 6, 12] : [...REPORT_MONTHS];
  return months.filter((m) => addDays(addMonths(decisionDay, m), 10) <= today);
}

function drafts(today: Day, days: Day[], rng: Prng): Draft[] {
  const counts = spread(ARCHETYPES.length, days.length);
  const result: Draft[] = [];
  let next = 0;
  counts.forEach((count, session) => {
    for (let i = 0; i < count; i += 1) {
      const archetype = ARCHETYPES[next];
      const decisionDay = days[session];
      if (!archetype || !decisionDay) throw new Error('Generated history: archetypes and sessions out of step');
      next += 1;
      const approved = archetype.rejection === undefined;
      result.push({
        archetype,
        key: `history-${next}`,
        decisionDay,
        approved,
        reportMonths: approved ? dueReportMonths(archetype, decisionDay, today) : [],
        jobsPlanned: approved ? 0 : rng.int(3, 8),
        hires: 0,
        revenue: archetype.headcount * rng.int(70, 110) * 1000,
      });
    }
  });
  return result;
}

/** Spreads the press report's totals over the approved drafts, older projects having hired more. */
function allocateJobs(approved: Draft[], targets: HistoryTargets, today: Day, rng: Prng): void {
  const jobWeights = approved.map((d) => rng.between(0.4, 2) * (d.archetype.kind === ProjectKind.TAKEOVER ? 0.6 : 1));
  const jobs = apportion(targets.jobsPlanned, jobWeights, { floor: 3, caps: approved.map(() => 40) });
  approved.forEach((d, i) => (d.jobsPlanned = jobs[i] ?? 3));
  const hireWeights = approved.map((d) => {
    const maturity = Math.min(1, monthsBetween(d.decisionDay, today) / 30);
    const fragility = d.archetype.advance === 'DEFAULTED' ? 0.2 : 1;
    return d.jobsPlanned * maturity * fragility * rng.between(0.6, 1.3);
  });
  const caps = approved.map((d) => (d.reportMonths.length ? d.jobsPlanned : 0));
  const hires = apportion(targets.hires, hireWeights, { caps });
  approved.forEach((d, i) => (d.hires = hires[i] ?? 0));
}

function pickNeeds(archetype: Archetype, rng: Prng): NeedSpec[] {
  const templates = SECTORS[archetype.sector].needs.slice(0, rng.int(2, 3));
  if (archetype.kind === ProjectKind.TAKEOVER) templates.unshift(TAKEOVER_NEED);
  return templates.map((t) => ({ domain: t.domain, profile: t.profile, days: rng.int(t.minDays, t.maxDays) }));
}

function advanceAmount(profile: AdvanceProfile | undefined, rng: Prng): number {
  if (!profile) return 0;
  // The one loss stays near the programme's reference loss rate (6 % of the sums lent).
  if (profile === 'DEFAULTED') return 8000;
  return rng.pick([6000, 8000, 10000, 12000, 15000]);
}

function paperSections(d: Draft, needs: NeedSpec[], advanceRequested: number, rng: Prng): SectionSpec[] {
  const a = d.archetype;
  const sector = SECTORS[a.sector];
  const founded = a.kind === ProjectKind.TAKEOVER ? rng.int(25, 45) : rng.int(4, 35);
  const jobsLine =
    a.kind === ProjectKind.TAKEOVER
      ? `Le projet maintient les ${a.headcount} emplois existants et prévoit ${d.jobsPlanned} recrutements en trois ans.`
      : `Le projet prévoit la création de ${d.jobsPlanned} emplois en trois ans.`;
  const advanceLine = advanceRequested
    ? `L'entreprise sollicite une avance remboursable de ${euros(advanceRequested)} pour financer le démarrage du projet, en complément d'un prêt bancaire.`
    : "L'entreprise ne sollicite pas d'avance remboursable ; sa demande porte sur un transfert de compétences.";
  return [
    {
      heading: "Présentation de l'entreprise",
      body: `Créée il y a ${founded} ans, ${a.name} est installée à ${a.town} et emploie ${a.headcount} salariés.\n\n${sector.context}`,
    },
    { heading: 'Le projet', body: `${a.summary}\n\n${jobsLine}` },
    needsSection('Les besoins en compétences identifiés avec le dirigeant sont les suivants :', needs),
    {
      heading: 'Analyse financière',
      body: `Le chiffre d'affaires du dernier exercice s'élève à ${euros(d.revenue)}. ${
        a.rejection
          ? 'Les fonds propres sont faibles au regard du projet.'
          : 'Les comptes sont équilibrés et la structure financière permet de porter le projet.'
      }\n\n${advanceLine}`,
    },
    { heading: 'Avis du prescripteur', body: a.rejection ? RESERVED_OPINION : rng.pick(FAVOURABLE_OPINIONS) },
  ];
}

function projectSpec(d: Draft, rng: Prng): ProjectSpec {
  const a = d.archetype;
  const needs = pickNeeds(a, rng);
  const advanceRequested = a.rejection ? rng.pick([0, 8000, 10000, 15000]) : advanceAmount(a.advance, rng);
  const prescribedOn = addDays(d.decisionDay, -rng.int(45, 80));
  return {
    key: d.key,
    sme: { name: a.name, sector: SECTORS[a.sector].label, town: a.town, headcount: a.headcount },
    title: a.title,
    summary: a.summary,
    kind: a.kind ?? ProjectKind.DEVELOPMENT,
    prescriber: rng.pick(PRESCRIBERS),
    prescribedOn,
    jobsPlanned: d.jobsPlanned,
    advanceRequested,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: `Diagnostic préalable — ${a.name}`,
        writtenAfterDays: rng.int(15, 35),
        sections: paperSections(d, needs, advanceRequested, rng),
      },
    ],
  };
}

/** A company with the skill and, when one exists, the trade: a carmaker's buyer opens doors to the car industry. */
function pledgesFor(needs: NeedSpec[], sector: Sector, rng: Prng): PledgeSpec[] {
  return needs.map((n, index) => {
    const skilled = DOMAIN_PARTNERS[n.domain].filter((p) => sector.partners.includes(p));
    const organisation = rng.pick(skilled.length ? skilled : sector.partners);
    return {
      need: index,
      organisation,
      days: Math.max(1, n.days - rng.int(0, 1)),
      ...(rng.chance(0.35) ? { expertName: rng.pick(EXPERTS[organisation]) } : {}),
    };
  });
}

function advanceSpec(profile: AdvanceProfile, amount: number, rng: Prng): AdvanceSpec {
  const disbursedAfterDays = rng.int(10, 30);
  if (profile === 'SHORT') {
    return {
      amount,
      disbursedAfterDays,
      deferralMonths: 6,
      durationMonths: 24,
      frequency: RepaymentFrequency.MONTHLY,
      behaviour: 'ON_TIME',
    };
  }
  if (profile === 'LATE' || profile === 'DEFAULTED') {
    return {
      amount,
      disbursedAfterDays,
      deferralMonths: 6,
      durationMonths: 36,
      frequency: RepaymentFrequency.MONTHLY,
      behaviour: profile,
      ...(profile === 'DEFAULTED' ? { defaultAfterMonths: 12 } : {}),
    };
  }
  return {
    amount,
    disbursedAfterDays,
    deferralMonths: rng.pick([6, 12]),
    durationMonths: rng.pick([24, 36, 48]),
    frequency: rng.pick([RepaymentFrequency.MONTHLY, RepaymentFrequency.QUARTERLY]),
    behaviour: profile,
  };
}

function reportSpecs(d: Draft, rng: Prng): ReportSpec[] {
  const a = d.archetype;
  const hires = apportion(
    d.hires,
    d.reportMonths.map((m) => HIRING_WEIGHT[m] ?? 0.25),
  );
  const preserved =
    a.kind === ProjectKind.TAKEOVER
      ? a.headcount
      : rng.chance(0.5)
        ? 0
        : rng.int(1, Math.max(1, Math.floor(a.headcount * 0.3)));
  const last = d.reportMonths.length - 1;
  return d.reportMonths.map((months, index) => {
    const defaulted = a.advance === 'DEFAULTED';
    let difficulties = rng.pick(REPORT_NOTES[months] ?? REPORT_NOTES[3] ?? []);
    if (defaulted && DEFAULT_NOTES[months]) difficulties = DEFAULT_NOTES[months] ?? difficulties;
    if (a.advance === 'LATE' && index === last) difficulties = LATE_NOTE;
    return {
      monthsAfterDecision: months,
      hiresMade: hires[index] ?? 0,
      jobsPreserved: defaulted && months === 12 ? 0 : preserved,
      revenue: Math.round((d.revenue * (1.03 + 0.04 * index) * (defaulted && months === 12 ? 0.6 : 1)) / 1000) * 1000,
      delivered: DELIVERY_SHARE[months] ?? 0.1,
      difficulties,
      ...(months === 12 && rng.chance(0.2)
        ? {
            newInterventionRequest:
              "Appui de quelques jours pour préparer le recrutement d'un responsable de production.",
          }
        : {}),
      closing: months === 18 || (defaulted && months === 12),
    };
  });
}

function examination(d: Draft, spec: ProjectSpec, rng: Prng): ExaminationSpec {
  if (!d.approved) {
    return {
      outcome: DecisionOutcome.REJECTED,
      vote: { kind: 'SHOW_OF_HANDS', inFavour: rng.int(1, 3), abstain: rng.int(0, 1) },
      reasons: d.archetype.rejection ?? '',
    };
  }
  const pledges = pledgesFor(spec.needs, SECTORS[d.archetype.sector], rng);
  const firstPledge = pledges[0];
  if (!firstPledge) throw new Error(`Generated project ${d.key} has no pledge`);
  const days = pledges.reduce((sum, p) => sum + p.days, 0);
  const profile = d.archetype.advance;
  const advance = profile ? advanceSpec(profile, spec.advanceRequested, rng) : undefined;
  return {
    outcome: DecisionOutcome.APPROVED,
    vote: { kind: 'SHOW_OF_HANDS', against: 0, abstain: rng.int(0, 1) },
    reasons: `Projet créateur de ${d.jobsPlanned} emplois ; le comité mobilise ${days} jours de compétences des entreprises partenaires${
      advance ? ` et une avance remboursable de ${euros(advance.amount)}` : ''
    }.`,
    pledges,
    mandatary: PLEDGER[firstPledge.organisation],
    ...(advance ? { advance } : {}),
    reports: reportSpecs(d, rng),
  };
}

/** A proxy goes to a member of another organisation. */
const canHoldProxy = (holder: PersonKey, absent: PersonKey) => organisationOf(holder) !== organisationOf(absent);

/** Random absences, sparing the members in `required`. */
function attendanceFor(required: Set<PersonKey>, rng: Prng): AttendanceSpec {
  const excused: PersonKey[] = [];
  const remote: PersonKey[] = [];
  const absent: PersonKey[] = [];
  for (const key of VOTERS) {
    if (required.has(key) || key === 'chair') continue;
    const roll = rng.next();
    if (roll < 0.12) excused.push(key);
    else if (roll < 0.2) remote.push(key);
    else if (roll < 0.27) absent.push(key);
  }
  // A proxy goes to a member in the room (not remote) who carries none yet; without one the absent member is excused.
  const holders = VOTERS.filter((k) => !excused.includes(k) && !remote.includes(k) && !absent.includes(k));
  const represented: [PersonKey, PersonKey][] = [];
  for (const key of absent) {
    const holder = holders.find((h) => canHoldProxy(h, key) && !represented.some(([, taken]) => taken === h));
    if (holder) represented.push([key, holder]);
    else excused.push(key);
  }
  return { excused, remote, represented };
}

export function generateHistory(today: Day, targets: HistoryTargets, seed: number): History {
  const rng = new Prng(seed);
  const days = sessionDays(today, rng);
  const all = drafts(today, days, rng);
  allocateJobs(
    all.filter((d) => d.approved),
    targets,
    today,
    rng,
  );
  const projects: ProjectSpec[] = [];
  const sessions: SessionSpec[] = days.map((day) => ({
    day,
    hour: rng.pick([9, 14]),
    minute: rng.pick([0, 30]),
    attendance: {},
    items: [],
  }));
  for (const d of all) {
    const spec = projectSpec(d, rng);
    projects.push(spec);
    const session = sessions[days.indexOf(d.decisionDay)];
    if (!session) throw new Error(`No session on ${d.decisionDay}`);
    session.items.push({
      kind: 'EXAMINATION',
      project: d.key,
      minutes: rng.pick([25, 30, 35]),
      examination: examination(d, spec, rng),
    });
  }
  for (const session of sessions) {
    session.items.unshift({
      kind: 'MINUTES',
      title: 'Approbation du compte rendu de la séance précédente',
      minutes: 10,
    });
    session.attendance = attendanceFor(requiredMembers(session, projects), rng);
  }
  return { projects, sessions };
}

/** Members a session cannot do without: the chair, and whoever presents, pledges for or follows a project. */
function requiredMembers(session: SessionSpec, projects: ProjectSpec[]): Set<PersonKey> {
  const required = new Set<PersonKey>(['chair']);
  for (const item of session.items) {
    if (item.kind !== 'EXAMINATION') continue;
    const project = projects.find((p) => p.key === item.project);
    if (project) required.add(project.prescriber);
    for (const pledge of item.examination?.pledges ?? []) required.add(pledge.by ?? PLEDGER[pledge.organisation]);
    if (item.examination?.mandatary) required.add(item.examination.mandatary);
  }
  return required;
}
