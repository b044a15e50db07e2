import { CompetenceDomain } from '../project/competence-need.entity.js';
import { ProjectKind, ProjectStatus } from '../project/project.entity.js';
import { DOMAIN_LABELS } from './demo-data.js';
import type { NeedSpec, ProjectSpec, SectionSpec } from './demo-specs.js';
import { type Day, addDays, onePagePdf } from './demo-tools.js';

/** The hand-written projects: one at every stage of the pipeline, with full diagnosis papers in French. */

export const HAND = {
  laser: 'tolerie-ostrevant',
  software: 'codexia',
  composites: 'composites-ferroviaires',
  biscuits: 'biscuiterie-hainaut',
  welding: 'chaudronnerie-denaisienne',
  pallets: 'palettes-services-nord',
  brewery: 'brasserie-escaut',
  precision: 'mecanique-precision-scarpe',
  coldChain: 'tfs-logistique',
  motors: 'bobinage-valenciennois',
} as const;

export function needsSection(intro: string, needs: readonly NeedSpec[]): SectionSpec {
  const lines = needs.map((need) => `- ${need.profile} (${DOMAIN_LABELS[need.domain]}) : ${need.days} jours`);
  return { heading: 'Besoins identifiés', body: `${intro}\n\n${lines.join('\n')}` };
}

const section = (heading: string, ...paragraphs: string[]): SectionSpec => ({ heading, body: paragraphs.join('\n\n') });

const PRESENTATION = "Présentation de l'entreprise";
const PROJECT = 'Le projet';
const FINANCES = 'Analyse financière';
const OPINION = 'Avis du prescripteur';

const diagnosisTitle = (smeName: string) => `Diagnostic préalable — ${smeName}`;

function precisionMechanics(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    { domain: CompetenceDomain.QUALITY, profile: 'Ingénieur qualité, auditeur ISO 9001', days: 15 },
    {
      domain: CompetenceDomain.PRODUCTION,
      profile: "Ingénieur méthodes usinage, mise en route d'un centre 5 axes",
      days: 8,
    },
    { domain: CompetenceDomain.LEAN, profile: "Animateur lean, 5S et organisation de l'atelier", days: 6 },
    { domain: CompetenceDomain.HR, profile: 'Chargé de recrutement, profils régleurs sur commande numérique', days: 3 },
  ];
  return {
    key: HAND.precision,
    sme: {
      name: 'Mécanique de Précision de la Scarpe',
      sector: 'Mécanique de précision',
      town: 'Saint-Amand-les-Eaux',
      headcount: 28,
      leader: 'dirigeant',
    },
    title: "Certification ISO 9001 et modernisation du parc d'usinage",
    summary:
      "Entreprise familiale de mécanique de précision (pièces unitaires et petites séries pour le ferroviaire et l'énergie). " +
      "Le projet vise la certification ISO 9001, condition d'accès aux panels des donneurs d'ordre, et le remplacement de deux tours conventionnels par un centre d'usinage 5 axes.",
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'initiative',
    prescribedOn: addDays(today, -7 * 64),
    jobsPlanned: 9,
    advanceRequested: 15000,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle('Mécanique de Précision de la Scarpe'),
        changeNote: "Diagnostic rédigé après deux visites de l'atelier",
        writtenAfterDays: 24,
        sections: [
          section(
            PRESENTATION,
            "La Mécanique de Précision de la Scarpe (MPS) est une entreprise familiale fondée en 1972 à Saint-Amand-les-Eaux. Elle est dirigée depuis douze ans par Philippe Wallart, fils du fondateur, et emploie 28 salariés : 19 en production (tourneurs, fraiseurs, régleurs), 4 aux méthodes et au contrôle, 5 à l'administration et au commerce.",
            "L'entreprise usine des pièces unitaires et de petites séries en aciers spéciaux, inox et aluminium, destinées pour l'essentiel à la construction ferroviaire (supports, axes, pièces de bogies) et à la maintenance industrielle. Son chiffre d'affaires est de 2,1 M€, réalisé pour 60 % avec trois donneurs d'ordre du Valenciennois.",
          ),
          section(
            PROJECT,
            "Deux des principaux clients de MPS exigent désormais de leurs fournisseurs une certification ISO 9001 ; l'un d'eux a annoncé qu'il sortirait de son panel, sous dix-huit mois, les fournisseurs non certifiés. Sans certification, l'entreprise risque de perdre près d'un tiers de son activité.",
            "Le dirigeant veut faire de cette contrainte une occasion de moderniser l'entreprise : formaliser le système de management de la qualité, remplacer deux tours conventionnels par un centre d'usinage 5 axes et se positionner sur des pièces complexes à plus forte valeur ajoutée. Le projet prévoit 9 recrutements en trois ans (régleurs sur commande numérique, un technicien qualité, un programmeur FAO) et consolide 4 postes aujourd'hui menacés.",
          ),
          needsSection(
            "L'entreprise n'a ni responsable qualité ni méthodes formalisées ; le recours à un cabinet de conseil a été chiffré à 38 000 €, hors de portée de sa trésorerie. Les besoins exprimés relèvent exactement de ce que les entreprises partenaires savent transmettre :",
            needs,
          ),
          section(
            FINANCES,
            "Les comptes des trois derniers exercices sont bénéficiaires (résultat net de 2 à 3 % du chiffre d'affaires) mais la trésorerie reste tendue du fait de délais de paiement longs. L'investissement dans le centre d'usinage (310 000 €) est financé par un crédit-bail déjà accordé.",
            "Le besoin porte sur la démarche qualité et sur les recrutements anticipés : l'entreprise sollicite une avance remboursable de 15 000 €, plafond du bassin, en complément du prêt d'honneur de 20 000 € accordé au dirigeant par Initiative Valenciennes.",
          ),
          section(
            'Complémentarité avec les autres dispositifs',
            "Le prêt d'honneur de la plateforme d'initiative locale renforce les fonds propres ; il ne finance ni l'accompagnement technique ni la certification. ALIZÉ intervient donc sur le volet « accompagnement », comme le prévoit le cahier des charges : compétences des grandes entreprises et avance remboursable, sans doublon avec les aides existantes.",
          ),
          section(
            OPINION,
            "Avis favorable. Le dirigeant est solide, connaît son métier et ses clients ; l'équipe est stable et attachée à l'entreprise. Le risque principal tient à la charge de travail du dirigeant pendant la démarche : un pilote qualité interne devra être désigné dès le démarrage.",
            "Nous recommandons que le mandataire soit issu de la filière ferroviaire, qui connaît les exigences des donneurs d'ordre de l'entreprise.",
          ),
        ],
      },
    ],
  };
}

function coldChainLogistics(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    {
      domain: CompetenceDomain.LEAN,
      profile: 'Ingénieur logistique : implantation, flux et dimensionnement des quais',
      days: 8,
    },
    {
      domain: CompetenceDomain.IT,
      profile: "Chef de projet WMS, choix et paramétrage du logiciel d'entrepôt",
      days: 5,
    },
    { domain: CompetenceDomain.QUALITY, profile: 'Responsable qualité chaîne du froid (HACCP, traçabilité)', days: 4 },
    { domain: CompetenceDomain.HR, profile: 'Recrutement et formation de préparateurs de commandes', days: 3 },
  ];
  return {
    key: HAND.coldChain,
    sme: {
      name: 'TFS — Transports Frigorifiques de la Selle',
      sector: 'Transport et logistique',
      town: 'Rouvignies',
      headcount: 31,
    },
    title: 'Plateforme de préparation de commandes sous température dirigée',
    summary:
      "Transporteur frigorifique régional qui crée, sur la zone d'activités de Rouvignies, une plateforme de 2 400 m² de préparation de commandes à 2-4 °C pour les producteurs et transformateurs alimentaires du Hainaut.",
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'banque',
    prescribedOn: addDays(today, -7 * 39),
    jobsPlanned: 14,
    advanceRequested: 10000,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle('TFS — Transports Frigorifiques de la Selle'),
        writtenAfterDays: 21,
        sections: [
          section(
            PRESENTATION,
            'TFS est une entreprise de transport routier frigorifique créée en 1994 à Denain et installée depuis 2009 à Rouvignies. Elle exploite 24 porteurs et semi-remorques frigorifiques et emploie 31 salariés, dont 25 conducteurs. Sa clientèle est composée de PME agroalimentaires régionales, de grossistes et de deux plateformes de la grande distribution.',
            "Reprise il y a six ans par sa dirigeante actuelle, ancienne responsable d'exploitation, l'entreprise a doublé son chiffre d'affaires (4,6 M€ au dernier exercice) et dégage une rentabilité modeste mais régulière.",
          ),
          section(
            PROJECT,
            "Les clients de TFS demandent de plus en plus une prestation complète : stockage, préparation de commandes et livraison. Faute d'entrepôt, l'entreprise sous-traite cette préparation à un prestataire lillois, ce qui allonge les délais et lui fait perdre de la marge.",
            "Le projet consiste à louer et équiper un bâtiment de 2 400 m² sur la zone de Rouvignies, dont 1 600 m² de chambres froides positives, pour proposer une offre intégrée. Il prévoit 14 emplois en trois ans : 9 préparateurs de commandes, 2 caristes, 1 responsable d'entrepôt, 1 agent qualité et 1 conducteur. Les postes de préparateurs sont accessibles après une formation courte, ce qui intéresse directement les acteurs de l'insertion du bassin.",
          ),
          needsSection(
            "L'entreprise maîtrise le transport mais pas l'entreposage : conception des flux, système d'information d'entrepôt et maîtrise sanitaire sont des métiers nouveaux pour elle.",
            needs,
          ),
          section(
            FINANCES,
            "Le bâtiment est loué ; les équipements (froid, rayonnages, chariots, logiciel) représentent 420 000 €, financés par un prêt bancaire de 300 000 € et par un crédit-bail. Le plan de trésorerie fait apparaître un creux pendant les six premiers mois d'exploitation, le temps de la montée en charge.",
            "L'entreprise sollicite une avance remboursable de 10 000 € pour couvrir les frais de démarrage et les premiers salaires des préparateurs. Le prévisionnel, établi avec prudence, atteint l'équilibre de la nouvelle activité au cours de la deuxième année.",
          ),
          section(
            OPINION,
            "Avis favorable. La banque accompagne l'entreprise depuis sa reprise et constate une gestion rigoureuse. Le projet répond à un besoin réel des PME agroalimentaires du territoire.",
            "Point de vigilance : la dirigeante porte seule l'encadrement ; le recrutement d'un responsable d'entrepôt expérimenté est une condition de réussite.",
          ),
        ],
      },
    ],
  };
}

function electricMotors(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    {
      domain: CompetenceDomain.PRODUCTION,
      profile: 'Ingénieur fiabilité, analyse vibratoire des machines tournantes',
      days: 10,
    },
    { domain: CompetenceDomain.IT, profile: 'Architecte IoT : capteurs, remontée et stockage des mesures', days: 4 },
    {
      domain: CompetenceDomain.SALES_EXPORT,
      profile: 'Développement commercial auprès des sites industriels',
      days: 4,
    },
  ];
  return {
    key: HAND.motors,
    sme: {
      name: 'Bobinage Électrique du Valenciennois',
      sector: 'Maintenance électrique industrielle',
      town: 'Anzin',
      headcount: 12,
    },
    title: 'Offre de maintenance prédictive des moteurs électriques',
    summary:
      'Atelier de rebobinage et de réparation de moteurs électriques qui veut proposer aux sites industriels un service de surveillance vibratoire et thermique de leurs machines tournantes.',
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'initiative',
    prescribedOn: addDays(today, -7 * 25),
    jobsPlanned: 6,
    advanceRequested: 0,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle('Bobinage Électrique du Valenciennois'),
        writtenAfterDays: 20,
        sections: [
          section(
            PRESENTATION,
            "Bobinage Électrique du Valenciennois (BEV) est un atelier de réparation et de rebobinage de moteurs électriques, de pompes et de transformateurs, créé en 1981 à Anzin. Repris il y a huit ans par deux techniciens de l'entreprise, il emploie 12 salariés et réalise 1,1 M€ de chiffre d'affaires, pour l'essentiel en dépannages auprès des industriels et des collectivités du bassin.",
            "L'activité de dépannage est rentable mais irrégulière : elle dépend des pannes des clients et se prête mal à la planification des équipes.",
          ),
          section(
            PROJECT,
            "Les dirigeants veulent passer de la réparation à la prévention : poser des capteurs de vibration et de température sur les moteurs critiques de leurs clients, analyser les mesures et intervenir avant la panne, dans le cadre de contrats annuels. Cette offre régularise le chiffre d'affaires et valorise le savoir-faire de l'atelier.",
            "Le projet prévoit 6 emplois en trois ans : deux techniciens en analyse vibratoire, un technicien instrumentation, deux bobiniers et un commercial. Aucun investissement lourd n'est nécessaire : le projet repose d'abord sur l'acquisition de compétences.",
          ),
          needsSection(
            "L'atelier sait réparer ; il doit apprendre à mesurer, à interpréter et à vendre un service. Les compétences recherchées existent chez les industriels partenaires, qui pratiquent la maintenance conditionnelle sur leurs propres sites :",
            needs,
          ),
          section(
            FINANCES,
            "Situation saine : fonds propres de 310 000 €, endettement faible, trésorerie positive. Le coût des capteurs et du logiciel d'analyse (45 000 €) est autofinancé.",
            "L'entreprise ne sollicite pas d'avance remboursable ; sa demande porte exclusivement sur un transfert de compétences.",
          ),
          section(
            OPINION,
            "Avis très favorable. Projet de diversification cohérent, porté par une équipe technique reconnue localement. Les premiers contrats pourraient être signés avec des sites industriels du bassin, ce qui renforcerait l'ancrage local de l'offre.",
          ),
        ],
      },
    ],
  };
}

function railWelding(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    {
      domain: CompetenceDomain.QUALITY,
      profile: 'Ingénieur soudage (IWE), préparation à la certification EN 15085-2',
      days: 10,
    },
    {
      domain: CompetenceDomain.PRODUCTION,
      profile: 'Ingénieur industrialisation, gammes et outillages de soudage',
      days: 6,
    },
    { domain: CompetenceDomain.FINANCE, profile: 'Contrôleur de gestion, calcul des coûts de revient', days: 3 },
    { domain: CompetenceDomain.HR, profile: 'Recrutement de soudeurs qualifiés et parcours de formation', days: 3 },
  ];
  return {
    key: HAND.welding,
    sme: { name: 'Chaudronnerie Denaisienne', sector: 'Chaudronnerie et soudage', town: 'Denain', headcount: 19 },
    title: "Extension de l'atelier et qualification au soudage ferroviaire EN 15085",
    summary:
      'Chaudronnerie de sous-traitance qui veut obtenir la certification EN 15085 pour souder des sous-ensembles de caisses et de bogies, et doubler la surface de son atelier.',
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'alstom',
    prescribedOn: addDays(today, -7 * 14),
    jobsPlanned: 10,
    advanceRequested: 12000,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle('Chaudronnerie Denaisienne'),
        writtenAfterDays: 25,
        sections: [
          section(
            PRESENTATION,
            "La Chaudronnerie Denaisienne est une PME de 19 salariés installée depuis 2001 dans la zone d'activités de Denain. Elle réalise des travaux de chaudronnerie, de tôlerie lourde et de mécano-soudure pour l'industrie lourde et les travaux publics. Son chiffre d'affaires, de 1,8 M€, recule depuis deux ans avec le ralentissement de la sidérurgie.",
            "L'entreprise dispose d'un personnel qualifié et fidèle : huit soudeurs qualifiés, dont deux titulaires de qualifications sur aciers inoxydables.",
          ),
          section(
            PROJECT,
            "La filière ferroviaire du Valenciennois manque de sous-traitants qualifiés pour le soudage de sous-ensembles ; les constructeurs s'approvisionnent loin du bassin. Pour y accéder, l'entreprise doit obtenir la certification EN 15085-2, obligatoire pour le soudage de véhicules ferroviaires, et agrandir son atelier pour manipuler des pièces de grande dimension.",
            "Le projet prévoit 10 emplois en trois ans (6 soudeurs, 2 chaudronniers, 1 coordinateur soudage, 1 technicien méthodes), la location d'un bâtiment mitoyen de 900 m² et l'achat de deux postes de soudage pulsé.",
          ),
          needsSection(
            "La certification exige un coordinateur en soudage reconnu et une organisation documentaire que l'entreprise n'a pas ; elle doit aussi mieux connaître ses coûts pour répondre aux appels d'offres de la filière :",
            needs,
          ),
          section(
            FINANCES,
            "Les comptes sont équilibrés malgré la baisse d'activité ; les fonds propres représentent 28 % du bilan. L'investissement (postes de soudage, ponts roulants d'occasion, aménagement du bâtiment loué) s'élève à 190 000 €, financé par un prêt bancaire et un apport du dirigeant.",
            "L'entreprise sollicite une avance remboursable de 12 000 € pour financer la formation du coordinateur en soudage et le coût de la certification, qui précèdent les premiers chiffres d'affaires ferroviaires.",
          ),
          section(
            OPINION,
            'Avis favorable. Le projet répond à un besoin de la filière et à une volonté forte du dirigeant de se diversifier ; le calendrier de certification (douze à quinze mois) est le principal risque.',
            'Alstom, qui présente le dossier, rappelle que ses représentants ne prendront pas part au vote.',
          ),
        ],
      },
    ],
  };
}

function pallets(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    { domain: CompetenceDomain.PRODUCTION, profile: "Organisation d'un atelier de tri et de réparation", days: 5 },
    { domain: CompetenceDomain.SALES_EXPORT, profile: 'Offre commerciale auprès des plateformes logistiques', days: 4 },
    { domain: CompetenceDomain.FINANCE, profile: 'Plan de financement et suivi de trésorerie', days: 3 },
  ];
  return {
    key: HAND.pallets,
    sme: {
      name: 'Palettes Services Nord',
      sector: 'Négoce et reconditionnement de palettes',
      town: 'Onnaing',
      headcount: 4,
    },
    title: 'Centre de tri et de reconditionnement de palettes',
    summary:
      "Très petite entreprise de négoce de palettes qui veut créer un centre de tri et de réparation de palettes d'occasion pour les plateformes logistiques du bassin.",
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'banque',
    prescribedOn: addDays(today, -7 * 24),
    jobsPlanned: 6,
    advanceRequested: 15000,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle('Palettes Services Nord'),
        writtenAfterDays: 28,
        sections: [
          section(
            PRESENTATION,
            "Palettes Services Nord est une SARL créée il y a quatre ans à Onnaing par un ancien chef d'équipe d'une plateforme logistique. Elle emploie 4 salariés et réalise 480 000 € de chiffre d'affaires en achat-revente de palettes neuves et d'occasion.",
            "L'entreprise ne dispose pas de site en propre : elle loue un terrain nu et sous-traite la réparation des palettes.",
          ),
          section(
            PROJECT,
            'Le dirigeant souhaite acquérir une ligne semi-automatique de tri et de réparation et louer un bâtiment de 1 200 m² pour traiter lui-même 150 000 palettes par an. Il prévoit 6 recrutements, principalement des opérateurs de tri et de réparation.',
          ),
          needsSection(
            "Les besoins portent sur l'organisation de la production, la démarche commerciale et la gestion financière :",
            needs,
          ),
          section(
            FINANCES,
            "Les fonds propres sont faibles (35 000 €) et le dernier exercice est déficitaire. L'investissement de 260 000 € repose sur un prêt bancaire qui n'est pas encore accordé. Le prévisionnel suppose un volume de 150 000 palettes dès la deuxième année, sans contrat signé à ce jour.",
            "L'entreprise sollicite une avance remboursable de 15 000 €.",
          ),
          section(
            OPINION,
            "Avis réservé. Le besoin de reconditionnement existe, mais deux entreprises d'insertion du bassin occupent déjà ce marché et le prévisionnel paraît optimiste. La banque présente le dossier pour que le comité se prononce, sans s'engager à ce stade sur le prêt d'équipement.",
          ),
        ],
      },
    ],
  };
}

function brewery(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    {
      domain: CompetenceDomain.PRODUCTION,
      profile: 'Ingénieur process agroalimentaire, dimensionnement de la salle de brassage',
      days: 5,
    },
    { domain: CompetenceDomain.QUALITY, profile: 'Responsable qualité, plan de maîtrise sanitaire', days: 4 },
    { domain: CompetenceDomain.SALES_EXPORT, profile: 'Responsable export, distribution en Belgique', days: 5 },
  ];
  return {
    key: HAND.brewery,
    sme: { name: "Brasserie de l'Escaut", sector: 'Brasserie artisanale', town: "Condé-sur-l'Escaut", headcount: 6 },
    title: 'Nouvelle salle de brassage et développement des ventes en Belgique',
    summary:
      'Brasserie artisanale qui veut tripler sa capacité de production et développer ses ventes vers la grande distribution régionale et la Belgique toute proche.',
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'leclerc',
    prescribedOn: addDays(today, -7 * 13),
    jobsPlanned: 5,
    advanceRequested: 15000,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle("Brasserie de l'Escaut"),
        writtenAfterDays: 30,
        sections: [
          section(
            PRESENTATION,
            "La Brasserie de l'Escaut a été créée il y a sept ans à Condé-sur-l'Escaut par deux amis d'enfance, l'un ingénieur agronome, l'autre ancien commercial dans la distribution de boissons. Elle produit 1 200 hectolitres par an de bières de fermentation haute, vendues dans les cafés, les caves et quelques grandes surfaces du Valenciennois. Elle emploie 6 salariés.",
            "La marque bénéficie d'une bonne notoriété locale et de plusieurs médailles obtenues à des concours régionaux.",
          ),
          section(
            PROJECT,
            'La brasserie est à pleine capacité. Le projet consiste à installer une salle de brassage de 30 hectolitres dans un bâtiment industriel voisin, pour atteindre 4 000 hectolitres par an, et à développer les ventes en Belgique, à dix kilomètres, où les bières artisanales françaises trouvent un marché.',
            'Il prévoit 5 emplois : 2 brasseurs, 1 agent de conditionnement, 1 commercial export et 1 logisticien.',
          ),
          needsSection(
            "Les associés ont besoin d'un regard industriel sur le dimensionnement de l'installation, d'une mise à niveau de leur maîtrise sanitaire en vue des référencements, et d'un appui pour aborder le marché belge :",
            needs,
          ),
          section(
            FINANCES,
            "L'investissement total atteint 540 000 € (salle de brassage, cuves, ligne d'embouteillage). Le plan de financement repose sur un prêt bancaire de 350 000 € dont l'accord n'est pas encore obtenu, et sur une levée de fonds participative de 60 000 € en cours.",
            "L'entreprise sollicite une avance remboursable de 15 000 €. Le prévisionnel suppose un triplement des ventes en trois ans, dont un tiers en Belgique, sans étude de marché à ce jour.",
          ),
          section(
            OPINION,
            "Avis favorable sur le principe. Le savoir-faire est réel et la demande locale soutenue. Le prescripteur suggère toutefois au comité de s'assurer du bouclage du plan de financement avant de s'engager.",
          ),
        ],
      },
    ],
  };
}

function compositesFinancingPlan(): Buffer {
  return onePagePdf([
    'Composites Ferroviaires du Hainaut - Plan de financement du projet',
    'Besoins',
    "    Presse d'injection RTM et périphériques : 310 000 EUR",
    '    Moules (4 références) : 110 000 EUR',
    '    Aspiration, contrôle, aménagements : 60 000 EUR',
    '    Formation des opérateurs et certification qualité : 35 000 EUR',
    '    Total des besoins : 515 000 EUR',
    'Ressources',
    '    Prêt bancaire sur 7 ans (accord écrit) : 300 000 EUR',
    '    Autofinancement : 180 000 EUR',
    '    Apport en compte courant des associés : 20 000 EUR',
    '    Avance remboursable ALIZÉ (demandée) : 15 000 EUR',
    '    Total des ressources : 515 000 EUR',
    'Trésorerie prévisionnelle : point bas de 45 000 EUR au sixième mois.',
  ]);
}

function railComposites(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    {
      domain: CompetenceDomain.QUALITY,
      profile: "Ingénieur qualité ferroviaire, préparation à l'ISO/TS 22163",
      days: 10,
    },
    { domain: CompetenceDomain.PRODUCTION, profile: 'Ingénieur industrialisation composites, procédé RTM', days: 8 },
    { domain: CompetenceDomain.LEAN, profile: 'Animateur lean, implantation de la nouvelle ligne', days: 5 },
    {
      domain: CompetenceDomain.SALES_EXPORT,
      profile: 'Acheteur grands comptes, accès aux panels fournisseurs ferroviaires',
      days: 3,
    },
  ];
  const name = 'Composites Ferroviaires du Hainaut';
  const common = [
    section(
      PRESENTATION,
      "Composites Ferroviaires du Hainaut (CFH) est une SAS créée il y a quinze ans à Trith-Saint-Léger. Spécialisée dans le moulage de pièces en matériaux composites (fibre de verre et résines ignifugées), elle emploie 23 salariés et réalise 2,7 M€ de chiffre d'affaires, dont 45 % pour la construction ferroviaire, le reste pour le bâtiment et le nautisme.",
      "Le dirigeant, ingénieur en matériaux, est entré au capital il y a cinq ans ; il a structuré un bureau d'études de trois personnes et obtenu les premières homologations feu-fumée (EN 45545) exigées dans le ferroviaire.",
    ),
    section(
      PROJECT,
      "Les constructeurs ferroviaires cherchent à rapprocher leurs fournisseurs de panneaux intérieurs de leurs sites d'assemblage. CFH a été consultée pour une série de panneaux de plafond et d'habillage destinés à des rames régionales, avec des volumes incompatibles avec son procédé actuel de moulage au contact, trop manuel.",
      'Le projet consiste à installer une ligne de moulage par injection de résine (RTM), plus répétable et moins émissive, dans un bâtiment de 1 500 m² déjà loué. Il prévoit 12 emplois en trois ans : 8 opérateurs composites, 1 technicien méthodes, 1 technicien qualité, 1 agent de maintenance et 1 acheteur.',
    ),
    needsSection(
      "Le passage du moulage au contact à l'injection change l'organisation de l'atelier ; l'accès aux panels de rang 1 exige un système qualité conforme au référentiel ferroviaire, que l'entreprise ne possède pas encore :",
      needs,
    ),
  ];
  return {
    key: HAND.composites,
    sme: { name, sector: 'Composites pour le ferroviaire', town: 'Trith-Saint-Léger', headcount: 23 },
    title: 'Ligne de moulage de panneaux intérieurs pour matériel roulant',
    summary:
      'Fabricant de pièces composites qui veut industrialiser la production de panneaux intérieurs (habillages, plafonds, cloisons) pour les constructeurs ferroviaires, avec une ligne de moulage par injection de résine.',
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'saint-gobain',
    prescribedOn: addDays(today, -7 * 11),
    jobsPlanned: 12,
    advanceRequested: 15000,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle(name),
        changeNote: 'Première version, après la visite du site',
        writtenAfterDays: 18,
        sections: [
          ...common,
          section(
            FINANCES,
            "Les comptes sont bénéficiaires depuis quatre exercices (résultat net de 4 % du chiffre d'affaires) et les fonds propres atteignent 640 000 €. L'investissement s'élève à 480 000 € (presse d'injection, moules, aspiration, contrôle). Le plan de financement initial prévoit un prêt bancaire de 300 000 €, un autofinancement de 120 000 € et une aide régionale à l'investissement de 60 000 €.",
            "L'entreprise sollicite une avance remboursable de 15 000 € pour financer la formation des opérateurs et la préparation de la certification qualité. L'accord de la banque n'est pas encore formalisé.",
          ),
          section(
            OPINION,
            "Avis favorable sous réserve de l'accord bancaire. Le projet s'inscrit dans la structuration de la filière ferroviaire du Valenciennois. Saint-Gobain, prescripteur, ne prendra pas part au vote.",
          ),
        ],
      },
      {
        title: diagnosisTitle(name),
        changeNote: "Plan de financement actualisé après l'accord de la banque ; plan de financement joint",
        writtenAfterDays: 52,
        sections: [
          ...common,
          section(
            FINANCES,
            "Les comptes sont bénéficiaires depuis quatre exercices (résultat net de 4 % du chiffre d'affaires) et les fonds propres atteignent 640 000 €. L'investissement s'élève à 480 000 € (presse d'injection, moules, aspiration, contrôle).",
            "La banque a confirmé par écrit un prêt de 300 000 € sur sept ans. L'aide régionale n'ayant pas été retenue, l'autofinancement est porté à 180 000 € et les associés apportent 20 000 € en compte courant ; le plan de trésorerie actualisé reste positif sur trois ans, avec un point bas de 45 000 € au sixième mois. Le détail figure dans le plan de financement joint.",
            "L'entreprise maintient sa demande d'avance remboursable de 15 000 € pour financer la formation des opérateurs et la préparation de la certification.",
          ),
          section(
            OPINION,
            "Avis favorable. La réserve émise sur le financement bancaire est levée. Le projet s'inscrit dans la structuration de la filière ferroviaire du Valenciennois et répond à une demande ferme d'un constructeur. Saint-Gobain, prescripteur, ne prendra pas part au vote.",
          ),
        ],
        attachments: [
          { fileName: 'plan-de-financement-CFH.pdf', mimeType: 'application/pdf', content: compositesFinancingPlan() },
        ],
      },
    ],
  };
}

const ACCOUNTANT_STATEMENT = `ATTESTATION

Je soussigné, expert-comptable inscrit au tableau de l'Ordre, atteste que les comptes annuels de la SAS Biscuiterie du Hainaut pour les trois derniers exercices font apparaître les agrégats suivants :

Exercice N-2 : chiffre d'affaires 1 620 000 €, résultat net 78 000 €
Exercice N-1 : chiffre d'affaires 1 760 000 €, résultat net 91 000 €
Exercice N   : chiffre d'affaires 1 910 000 €, résultat net 96 000 €

Capitaux propres à la clôture du dernier exercice : 540 000 €.
Trésorerie nette à la clôture : 210 000 €.

Attestation établie pour servir au dossier présenté au comité d'agrément ALIZÉ du Valenciennois.

Pour le cabinet, l'expert-comptable associé
`;

function biscuits(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    {
      domain: CompetenceDomain.QUALITY,
      profile: 'Responsable qualité agroalimentaire, certification IFS Food',
      days: 8,
    },
    {
      domain: CompetenceDomain.SALES_EXPORT,
      profile: 'Chef de secteur grande distribution, préparation des référencements',
      days: 5,
    },
    { domain: CompetenceDomain.HR, profile: "Recrutement et intégration d'opérateurs de ligne", days: 3 },
    { domain: CompetenceDomain.FINANCE, profile: 'Contrôleur de gestion, prix de revient par référence', days: 2 },
  ];
  return {
    key: HAND.biscuits,
    sme: { name: 'Biscuiterie du Hainaut', sector: 'Biscuiterie', town: 'Raismes', headcount: 17 },
    title: 'Gamme de biscuits sans gluten et référencement en grande distribution régionale',
    summary:
      'Biscuiterie artisanale qui crée une ligne dédiée aux biscuits sans gluten et veut passer de la vente directe et des épiceries fines au référencement dans la grande distribution régionale.',
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'experts-comptables',
    prescribedOn: addDays(today, -7 * 9),
    jobsPlanned: 8,
    advanceRequested: 10000,
    needs,
    status: ProjectStatus.SCHEDULED,
    paper: [
      {
        title: diagnosisTitle('Biscuiterie du Hainaut'),
        writtenAfterDays: 26,
        sections: [
          section(
            PRESENTATION,
            "La Biscuiterie du Hainaut est une entreprise familiale installée à Raismes, en lisière de la forêt domaniale. Créée par un couple de pâtissiers il y a vingt ans, elle est dirigée aujourd'hui par leur fille, ingénieure agroalimentaire. Elle emploie 17 salariés et réalise 1,9 M€ de chiffre d'affaires avec des biscuits secs traditionnels (spéculoos, gaufres fourrées, sablés) vendus en boutique, en épiceries fines et sur les marchés de Noël de la région.",
            "L'outil de production est ancien mais bien entretenu ; l'entreprise a investi l'an dernier dans un four tunnel d'occasion.",
          ),
          section(
            PROJECT,
            "La demande de biscuits sans gluten croît fortement et l'offre régionale est quasi inexistante. La biscuiterie a mis au point, avec un laboratoire universitaire, cinq recettes testées auprès de sa clientèle. Leur fabrication exige un atelier séparé pour éviter toute contamination croisée.",
            "Le projet prévoit l'aménagement d'un atelier dédié de 400 m², une ligne de dosage et de cuisson, et le passage à la grande distribution régionale, condition du volume nécessaire. Il crée 8 emplois en trois ans : 5 opérateurs de ligne, 1 technicien qualité, 1 commercial et 1 agent logistique.",
          ),
          needsSection(
            "La grande distribution exige une certification IFS Food et une connaissance fine des prix de revient et des conditions commerciales, que l'entreprise n'a pas eu besoin de maîtriser jusqu'ici :",
            needs,
          ),
          section(
            FINANCES,
            "Les comptes des trois derniers exercices montrent une rentabilité régulière (résultat net moyen de 5 %) et une trésorerie saine ; l'attestation jointe en récapitule les agrégats. L'investissement de 230 000 € est financé par un prêt bancaire de 150 000 € (accordé) et par autofinancement.",
            "L'entreprise sollicite une avance remboursable de 10 000 € pour financer la certification IFS et le recrutement anticipé du technicien qualité.",
          ),
          section(
            OPINION,
            'Avis favorable. Dossier solide, équipe compétente, marché en croissance. Le principal risque est commercial : les conditions de la grande distribution peuvent peser sur les marges, et un accompagnement par des partenaires qui connaissent la distribution est vivement recommandé.',
            "Les membres dont l'organisation est en relation commerciale avec l'entreprise devront le signaler en séance.",
          ),
        ],
        attachments: [
          {
            fileName: 'attestation-expert-comptable.txt',
            mimeType: 'text/plain',
            content: Buffer.from(ACCOUNTANT_STATEMENT, 'utf8'),
          },
        ],
      },
    ],
  };
}

function planningSoftware(today: Day): ProjectSpec {
  const needs: NeedSpec[] = [
    { domain: CompetenceDomain.IT, profile: "Architecte logiciel, industrialisation d'une solution en ligne", days: 6 },
    { domain: CompetenceDomain.SALES_EXPORT, profile: 'Directeur commercial B2B, stratégie de prospection', days: 5 },
    {
      domain: CompetenceDomain.PRODUCTION,
      profile: "Responsable d'ordonnancement, validation fonctionnelle en atelier",
      days: 4,
    },
  ];
  return {
    key: HAND.software,
    sme: { name: 'Codexia Solutions', sector: 'Édition de logiciels', town: 'Valenciennes', headcount: 9 },
    title: "Logiciel de planification d'atelier pour les sous-traitants industriels",
    summary:
      "Jeune éditeur de logiciels qui veut industrialiser et commercialiser une solution de planification d'atelier conçue pour les PME de sous-traitance mécanique.",
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'initiative',
    prescribedOn: addDays(today, -7 * 5),
    jobsPlanned: 6,
    advanceRequested: 10000,
    needs,
    status: ProjectStatus.DIAGNOSIS,
    paper: [
      {
        title: `${diagnosisTitle('Codexia Solutions')} (version de travail)`,
        changeNote: "Première rédaction après l'entretien avec les dirigeants",
        writtenAfterDays: 12,
        sections: [
          section(
            PRESENTATION,
            "Codexia Solutions est une SAS créée il y a quatre ans par deux diplômés de l'université de Valenciennes et installée dans un immeuble d'entreprises du numérique au centre de Valenciennes. Elle emploie 9 salariés, développeurs pour la plupart, et vit aujourd'hui de prestations de développement sur mesure pour des industriels (780 000 € de chiffre d'affaires).",
          ),
          section(
            PROJECT,
            "À partir de projets réalisés pour ses clients, l'entreprise a conçu un logiciel de planification d'atelier simple, accessible en ligne par abonnement, destiné aux ateliers de 10 à 100 personnes qui planifient encore sur tableur. Trois PME du bassin l'utilisent en pilote.",
            "Le projet vise à transformer ce prototype en produit : sécurisation, montée en charge, documentation, et création d'une fonction commerciale. Il prévoit 6 emplois en trois ans (3 développeurs, 1 chargé de support, 2 commerciaux).",
          ),
          needsSection('Les besoins identifiés à ce stade, à confirmer avec les dirigeants :', needs),
          section(
            FINANCES,
            "Analyse en cours. Les comptes du dernier exercice sont équilibrés ; le passage d'une activité de prestation à un modèle d'abonnement créera un décalage de trésorerie de douze à dix-huit mois, que le prévisionnel en préparation devra chiffrer. Une demande d'avance remboursable de 10 000 € est envisagée.",
          ),
        ],
      },
    ],
  };
}

function laserCutting(today: Day): ProjectSpec {
  return {
    key: HAND.laser,
    sme: { name: "Tôlerie Industrielle de l'Ostrevant", sector: 'Tôlerie fine', town: 'Lourches', headcount: 14 },
    title: 'Cellule de découpe laser fibre et pliage robotisé',
    summary:
      "Tôlerie de sous-traitance qui veut s'équiper d'une découpe laser fibre pour rapatrier des pièces que des équipementiers automobiles achètent aujourd'hui hors de la région.",
    kind: ProjectKind.DEVELOPMENT,
    prescriber: 'sevelnord',
    prescribedOn: addDays(today, -9),
    jobsPlanned: 5,
    advanceRequested: 8000,
    needs: [
      {
        domain: CompetenceDomain.PRODUCTION,
        profile: 'Ingénieur méthodes tôlerie, choix de la machine et implantation',
        days: 5,
      },
      {
        domain: CompetenceDomain.SALES_EXPORT,
        profile: 'Acheteur automobile, accès aux consultations des équipementiers',
        days: 4,
      },
    ],
    status: ProjectStatus.PRESCRIBED,
    paper: [],
  };
}

/** In pipeline order: prescribed, in diagnosis, on the coming agenda, then the ones past sessions decided. */
export function handWrittenProjects(today: Day): ProjectSpec[] {
  return [
    laserCutting(today),
    planningSoftware(today),
    railComposites(today),
    biscuits(today),
    railWelding(today),
    pallets(today),
    brewery(today),
    precisionMechanics(today),
    coldChainLogistics(today),
    electricMotors(today),
  ];
}
