import { RepaymentFrequency } from '../advance/advance.entity.js';
import { BallotKind } from '../ballot/ballot.entity.js';
import { DecisionOutcome } from '../decision/decision.entity.js';
import { HAND } from './demo-projects.js';
import type { SessionSpec } from './demo-specs.js';
import { type Day, addDays, frenchDate, workingDay } from './demo-tools.js';

/** The hand-written sessions: four past ones with full votes, the one ready to run, and the next one planned. */

const MINUTES = { kind: 'MINUTES', title: 'Approbation du compte rendu de la séance précédente', minutes: 10 } as const;

export const weeksAgo = (today: Day, weeks: number): Day => workingDay(addDays(today, -7 * weeks));

function precisionSession(today: Day): SessionSpec {
  return {
    day: weeksAgo(today, 55),
    hour: 9,
    minute: 30,
    attendance: { excused: ['leclerc', 'banque'], remote: ['skf'], represented: [['soufflet', 'toyota']] },
    items: [
      MINUTES,
      {
        kind: 'EXAMINATION',
        project: HAND.precision,
        minutes: 45,
        examination: {
          outcome: DecisionOutcome.APPROVED,
          vote: { kind: BallotKind.NAMED, against: 0, abstain: 1 },
          reasons:
            "Projet structurant pour un sous-traitant de la filière ferroviaire : la certification ISO 9001 conditionne le maintien dans les panels des donneurs d'ordre. Le comité accorde l'avance au plafond du bassin et un appui en compétences de 32 jours, piloté par Alstom.",
          pledges: [
            { need: 0, organisation: 'alstom', days: 15, expertName: 'Hélène Carpentier' },
            { need: 1, organisation: 'vallourec', days: 8 },
            { need: 2, organisation: 'toyota', days: 6, expertName: 'Didier Bocquet' },
            { need: 3, organisation: 'leroy-merlin', days: 3 },
          ],
          advance: {
            amount: 15000,
            disbursedAfterDays: 21,
            deferralMonths: 6,
            durationMonths: 36,
            frequency: RepaymentFrequency.MONTHLY,
            behaviour: 'ON_TIME',
          },
          mandatary: 'alstom',
          reports: [
            {
              monthsAfterDecision: 3,
              hiresMade: 1,
              jobsPreserved: 4,
              revenue: 2150000,
              delivered: 0.3,
              difficulties:
                "Démarrage rapide de la démarche qualité : cartographie des processus réalisée et pilote qualité interne désigné. Le recrutement d'un régleur sur commande numérique a pris plus de temps que prévu, faute de candidats formés.",
            },
            {
              monthsAfterDecision: 6,
              hiresMade: 2,
              jobsPreserved: 4,
              revenue: 2240000,
              delivered: 0.4,
              difficulties:
                "Centre d'usinage 5 axes installé et en production depuis six semaines. L'audit à blanc a relevé quatre écarts mineurs (maîtrise des documents, étalonnage), en cours de traitement. Deux opérateurs recrutés, dont un en contrat de professionnalisation.",
            },
            {
              monthsAfterDecision: 12,
              hiresMade: 4,
              jobsPreserved: 4,
              revenue: 2480000,
              delivered: 0.25,
              difficulties:
                "Certification ISO 9001 obtenue au premier audit, sans écart majeur. L'entreprise est maintenue dans le panel de son principal client et a remporté deux consultations sur des pièces de bogies. Quatre recrutements sur la période ; la tension sur les profils de régleurs demeure.",
              newInterventionRequest:
                "Appui commercial de 3 à 4 jours pour préparer un dossier de référencement auprès d'un second constructeur ferroviaire.",
            },
          ],
        },
      },
      { kind: 'INFORMATION', title: "Point sur le fonds d'avances remboursables", minutes: 15 },
    ],
  };
}

function coldChainSession(today: Day): SessionSpec {
  return {
    day: weeksAgo(today, 31),
    hour: 9,
    minute: 30,
    attendance: {
      excused: ['sevelnord'],
      remote: ['experts-comptables', 'saint-gobain'],
      represented: [['vallourec', 'skf']],
    },
    items: [
      MINUTES,
      {
        kind: 'EXAMINATION',
        project: HAND.coldChain,
        minutes: 40,
        conflicts: [{ person: 'leclerc', reason: "L'entrepôt régional E. Leclerc est client de l'entreprise." }],
        examination: {
          outcome: DecisionOutcome.APPROVED,
          vote: { kind: BallotKind.NAMED, against: 1, abstain: 1 },
          reasons:
            "Projet créateur d'emplois accessibles après une formation courte, qui répond à un besoin des PME agroalimentaires du territoire. Le comité demande que le recrutement du responsable d'entrepôt intervienne avant l'ouverture de la plateforme.",
          pledges: [
            { need: 0, organisation: 'toyota', days: 8, expertName: 'Sébastien Lheureux' },
            { need: 1, organisation: 'leroy-merlin', days: 5 },
            { need: 2, organisation: 'soufflet', days: 4, expertName: 'Fabienne Dutoit' },
            { need: 3, organisation: 'leroy-merlin', days: 3 },
          ],
          advance: {
            amount: 10000,
            disbursedAfterDays: 14,
            deferralMonths: 3,
            durationMonths: 36,
            frequency: RepaymentFrequency.QUARTERLY,
            behaviour: 'ON_TIME',
          },
          mandatary: 'toyota',
          reports: [
            {
              monthsAfterDecision: 3,
              hiresMade: 1,
              jobsPreserved: 0,
              revenue: 4700000,
              delivered: 0.35,
              difficulties:
                "Bail signé et aménagement des chambres froides achevé. Le logiciel de gestion d'entrepôt a été choisi avec l'appui de Leroy Merlin. Le responsable d'entrepôt a été recruté.",
            },
            {
              monthsAfterDecision: 6,
              hiresMade: 2,
              jobsPreserved: 0,
              revenue: 4950000,
              delivered: 0.3,
              difficulties:
                "Plateforme ouverte depuis deux mois ; deux clients agroalimentaires y ont confié leur préparation de commandes. Montée en charge plus lente que prévu : les préparateurs sont recrutés avec l'appui d'une structure d'insertion du bassin.",
            },
          ],
        },
      },
      {
        kind: 'FOLLOW_UP',
        project: HAND.precision,
        title: "Point d'étape — Mécanique de Précision de la Scarpe (rapport à 3 mois)",
        minutes: 15,
      },
    ],
  };
}

function motorsAndPalletsSession(today: Day): SessionSpec {
  return {
    day: weeksAgo(today, 17),
    hour: 9,
    minute: 30,
    attendance: {
      excused: ['alstom', 'soufflet'],
      remote: ['banque'],
      represented: [['leroy-merlin', 'saint-gobain']],
    },
    items: [
      MINUTES,
      {
        kind: 'EXAMINATION',
        project: HAND.motors,
        minutes: 35,
        examination: {
          outcome: DecisionOutcome.APPROVED,
          vote: { kind: BallotKind.NAMED, against: 0, abstain: 0 },
          reasons:
            "Diversification cohérente d'un atelier reconnu, sans besoin de financement : le comité approuve un transfert de compétences de 18 jours, conduit principalement par SKF.",
          pledges: [
            { need: 0, organisation: 'skf', days: 10, expertName: 'Mathieu Prévost' },
            // The Alstom member was excused: the chair pledged for her company.
            { need: 1, organisation: 'alstom', days: 4, by: 'chair' },
            { need: 2, organisation: 'vallourec', days: 4 },
          ],
          mandatary: 'skf',
          reports: [
            {
              monthsAfterDecision: 3,
              hiresMade: 1,
              jobsPreserved: 2,
              revenue: 1150000,
              delivered: 0.35,
              difficulties:
                "Premiers capteurs posés chez trois clients pilotes ; la formation de deux techniciens à l'analyse vibratoire est en cours avec SKF. Un technicien instrumentation a été recruté.",
            },
          ],
        },
      },
      {
        kind: 'EXAMINATION',
        project: HAND.pallets,
        minutes: 35,
        examination: {
          outcome: DecisionOutcome.REJECTED,
          vote: { kind: BallotKind.SECRET, against: 6, abstain: 1 },
          reasons:
            "Marché local déjà couvert par deux structures d'insertion ; fonds propres insuffisants au regard de l'investissement ; volumes prévisionnels non étayés par des contrats. Le comité encourage le dirigeant à se rapprocher de la plateforme d'initiative locale pour renforcer ses fonds propres avant de présenter un nouveau projet.",
        },
      },
      { kind: 'INFORMATION', title: 'Bilan annuel présenté au comité de pilotage', minutes: 15 },
    ],
  };
}

function weldingAndBrewerySession(today: Day): SessionSpec {
  return {
    day: weeksAgo(today, 6),
    hour: 9,
    minute: 30,
    attendance: {
      excused: ['toyota', 'experts-comptables'],
      remote: ['vallourec'],
      represented: [['sevelnord', 'soufflet']],
    },
    items: [
      MINUTES,
      {
        kind: 'EXAMINATION',
        project: HAND.welding,
        minutes: 40,
        examination: {
          outcome: DecisionOutcome.APPROVED,
          vote: { kind: BallotKind.NAMED, against: 0, abstain: 1 },
          reasons:
            "Le projet comble un manque de la filière ferroviaire locale en soudeurs certifiés EN 15085. L'avance sera versée à la signature de la convention de coopération et de développement.",
          pledges: [
            { need: 0, organisation: 'vallourec', days: 10, expertName: 'Jérôme Delannoy' },
            { need: 1, organisation: 'alstom', days: 6 },
            { need: 2, organisation: 'saint-gobain', days: 3 },
            { need: 3, organisation: 'leroy-merlin', days: 3 },
          ],
          advance: {
            amount: 12000,
            disbursedAfterDays: null,
            deferralMonths: 6,
            durationMonths: 36,
            frequency: RepaymentFrequency.MONTHLY,
            behaviour: 'ON_TIME',
          },
          mandatary: 'vallourec',
        },
      },
      {
        kind: 'EXAMINATION',
        project: HAND.brewery,
        minutes: 35,
        examination: {
          outcome: DecisionOutcome.DEFERRED,
          vote: {
            kind: BallotKind.NAMED,
            against: 0,
            abstain: 2,
            motion:
              "Ajourner l'examen du projet de la Brasserie de l'Escaut dans l'attente du bouclage de son plan de financement et d'une étude du marché belge.",
          },
          reasons:
            "Plan de financement non bouclé : l'accord de la banque sur le prêt de 350 000 € est attendu. Le comité demande une étude du marché belge (circuits de distribution, prix, volumes) et propose qu'un membre réalise un diagnostic complémentaire sur le dimensionnement de l'installation. Le dossier sera réexaminé lors d'une prochaine séance.",
        },
      },
      {
        kind: 'FOLLOW_UP',
        project: HAND.coldChain,
        title: 'Suivi à 3 mois — TFS — Transports Frigorifiques de la Selle',
        minutes: 15,
      },
      {
        kind: 'INFORMATION',
        title: 'Renouvellement de la convention triennale : premiers échanges avec les partenaires',
        minutes: 20,
      },
    ],
  };
}

/** The four detailed past sessions, oldest first. */
export function detailedPastSessions(today: Day): SessionSpec[] {
  return [
    precisionSession(today),
    coldChainSession(today),
    motorsAndPalletsSession(today),
    weldingAndBrewerySession(today),
  ];
}

/** The convened session a few days ahead: two projects with their papers, a follow-up review, an information point. */
export function upcomingSession(today: Day): SessionSpec {
  return {
    day: workingDay(addDays(today, 3)),
    hour: 9,
    minute: 30,
    attendance: { excused: ['banque'], remote: ['skf'], represented: [['sevelnord', 'vallourec']] },
    items: [
      { kind: 'EXAMINATION', project: HAND.composites, minutes: 40 },
      {
        kind: 'EXAMINATION',
        project: HAND.biscuits,
        minutes: 35,
        conflicts: [
          { person: 'leclerc', reason: "E. Leclerc étudie le référencement régional des produits de l'entreprise." },
        ],
      },
      {
        kind: 'FOLLOW_UP',
        project: HAND.precision,
        title: 'Suivi à 12 mois — Mécanique de Précision de la Scarpe : certification ISO 9001 obtenue',
        minutes: 15,
      },
      {
        kind: 'INFORMATION',
        title: 'Renouvellement de la convention triennale : calendrier et engagements des partenaires',
        minutes: 20,
      },
    ],
  };
}

/** The session after that, about two months later: planned, not yet convened. */
export function plannedSession(today: Day, upcomingDay: Day): SessionSpec {
  return {
    day: workingDay(addDays(today, 63)),
    hour: 9,
    minute: 30,
    attendance: {},
    items: [
      { kind: 'MINUTES', title: `Approbation du compte rendu de la séance du ${frenchDate(upcomingDay)}`, minutes: 10 },
      {
        kind: 'FOLLOW_UP',
        project: HAND.motors,
        title: 'Suivi à 6 mois — Bobinage Électrique du Valenciennois',
        minutes: 15,
      },
      {
        kind: 'INFORMATION',
        title: 'Bilan de la convention triennale et préparation du comité de pilotage',
        minutes: 30,
      },
    ],
  };
}
