import type { EntityManager } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';
import { Project } from '../project/project.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Person } from '../person/person.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Advance, RepaymentFrequency, RepaymentInstalment } from '../advance/advance.entity.js';
import { FrenchPdfWriter } from '../minutes/french-pdf.js';
import { DOMAIN_LABEL, dayCount, euros, frenchDate, fullName, shortDate } from '../minutes/french.js';
import {
  ConventionParty,
  ConventionSignature,
  type CooperationConvention,
  SignatureStatus,
} from './convention.entity.js';
import { conventionMeans, fullySigned } from './convention-means.js';

const FREQUENCY_LABEL: Record<RepaymentFrequency, string> = {
  [RepaymentFrequency.MONTHLY]: 'mensuelles',
  [RepaymentFrequency.QUARTERLY]: 'trimestrielles',
};

function signatureLine(signature: ConventionSignature, recorders: Map<string, Person>): string {
  if (signature.status !== SignatureStatus.SIGNED || !signature.signedOn) return 'en attente de signature';
  const by = signature.recordedBy ? recorders.get(signature.recordedBy.id) : undefined;
  return `signé le ${shortDate(signature.signedOn)}${by ? ` (enregistré par ${fullName(by)})` : ''}`;
}

/**
 * The French PDF of a cooperation and development convention: the parties, the means (competence days by company
 * and competence, valued at the basin's daily rate), the advance, the follow-up, each party's signature status,
 * and the annex on the advance (amount, disbursement, repayment calendar).
 */
export async function renderConventionPdf(em: EntityManager, convention: CooperationConvention): Promise<Buffer> {
  const project = await em.findOneOrFail(Project, convention.project.id);
  const basin = await em.findOneOrFail(Basin, project.basin.id);
  const sme = await em.findOneOrFail(Sme, project.sme.id);
  const decision = await em.findOneOrFail(Decision, convention.decision.id);
  const signatures = await em.find(ConventionSignature, { convention }, { orderBy: { position: 'asc' } });
  const recorders = new Map(
    (
      await em.find(Person, {
        id: { $in: signatures.map((s) => s.recordedBy?.id).filter((id): id is string => !!id) },
      })
    ).map((p) => [p.id, p]),
  );
  const means = await conventionMeans(em, project.id);
  const advance = await em.findOne(Advance, { project }, { orderBy: { createdAt: 'desc' } });
  const instalments = advance ? await em.find(RepaymentInstalment, { advance }, { orderBy: { number: 'asc' } }) : [];
  const mandatary = decision.mandatary ? await em.findOne(Person, decision.mandatary.id) : null;
  const tz = basin.timezone;
  const signed = fullySigned(signatures);

  const pdf = new FrenchPdfWriter({
    title: `Convention de coopération et de développement — ${sme.name}`,
    subject: project.title,
    footer: `Convention de coopération et de développement — ${sme.name}`,
    watermark: null,
  });
  pdf.kicker(`Programme ALIZÉ — bassin ${basin.name}`);
  pdf.title('Convention de coopération et de développement');
  pdf.paragraph(`${sme.name} — ${project.title}`);
  pdf.stamp(signed ? 'SIGNÉE par toutes les parties' : 'EN COURS DE SIGNATURE', signed ? '#1f7a4d' : '#b54708');
  pdf.field("Approuvée par le comité d'agrément le", frenchDate(decision.decidedAt, tz));
  pdf.space();

  pdf.heading('Entre les parties');
  pdf.bullets(signatures.filter((s) => !s.annexOnly).map((s) => `${s.partyName} — ${s.capacity}`));
  const annexParties = signatures.filter((s) => s.annexOnly);
  if (annexParties.length) {
    pdf.paragraph(
      `Et, pour l'annexe relative à l'avance remboursable : ${annexParties.map((s) => `${s.partyName} (${s.capacity})`).join(', ')}.`,
    );
  }

  pdf.heading('Article 1 — Objet');
  pdf.paragraph(
    `La présente convention organise l'appui apporté par les entreprises partenaires du programme ALIZÉ à ` +
      `${sme.name} (${sme.town}, SIREN ${sme.siren}) pour le projet « ${project.title} », tel que le comité ` +
      `d'agrément l'a approuvé.`,
  );
  if (project.summary) pdf.blocks(project.summary, { muted: true });
  if (project.jobsPlanned) pdf.field('Emplois prévus', String(project.jobsPlanned));

  pdf.heading('Article 2 — Moyens humains : transfert de compétences');
  if (means.length) {
    const totalDays = means.reduce((sum, m) => sum + m.days, 0);
    const totalValue = means.reduce((sum, m) => sum + m.valuation, 0);
    pdf.table(
      [
        { header: 'Entreprise', width: 0.26 },
        { header: 'Compétence', width: 0.38 },
        { header: 'Jours', width: 0.14, align: 'right' },
        { header: 'Valorisation', width: 0.22, align: 'right' },
      ],
      [
        ...means.map((m) => [
          m.organisation.name,
          `${DOMAIN_LABEL[m.domain]} — ${m.profile}`,
          dayCount(m.days),
          euros(m.valuation),
        ]),
        ['Total', '', dayCount(totalDays), euros(totalValue)],
      ],
      { boldLast: true },
    );
    pdf.paragraph(`Valorisation d'une journée de compétences : ${euros(basin.dailyRate)}.`, { muted: true });
  } else {
    pdf.paragraph('Aucune mise à disposition de compétences à ce jour.');
  }

  pdf.heading('Article 3 — Moyens financiers : avance remboursable');
  if (advance) {
    pdf.paragraph(
      `Une avance remboursable sans intérêt de ${euros(advance.amount)} est accordée à ${sme.name}. ` +
        'Ses modalités de versement et de remboursement figurent en annexe.',
    );
  } else {
    pdf.paragraph('Le projet ne bénéficie pas d’une avance remboursable.');
  }

  pdf.heading('Article 4 — Suivi');
  pdf.paragraph(
    `${mandatary ? fullName(mandatary) : 'Le mandataire désigné par le comité'} suit le projet pendant au moins ` +
      `${basin.minFollowUpMonths} mois et rend compte au comité à ${basin.followUpCadenceMonths.join(', ')} mois ` +
      'après la décision : compétences mises à disposition, recrutements, remboursements, difficultés.',
  );

  pdf.heading('Signatures');
  pdf.table(
    [
      { header: 'Partie', width: 0.4 },
      { header: 'Qualité', width: 0.3 },
      { header: 'Signature', width: 0.3 },
    ],
    signatures.map((s) => [s.partyName, s.capacity, signatureLine(s, recorders)]),
  );

  if (advance) {
    pdf.doc.addPage();
    pdf.title('Annexe — Avance remboursable');
    pdf.paragraph(`${sme.name} — ${project.title}`);
    pdf.field('Montant', euros(advance.amount));
    pdf.field('Versement', advance.disbursedOn ? `le ${frenchDate(advance.disbursedOn)}` : 'à verser');
    pdf.field(
      'Remboursement',
      `sans intérêt, en échéances ${FREQUENCY_LABEL[advance.frequency as RepaymentFrequency]} sur ${advance.durationMonths} mois, ` +
        `après un différé de ${advance.deferralMonths} mois`,
    );
    pdf.space();
    pdf.subheading('Calendrier de remboursement');
    if (instalments.length) {
      // The calendar as signed: what is paid, and when, is followed on the advance's page, not in the signed
      // document (which is frozen once every party has signed).
      pdf.table(
        [
          { header: 'Échéance', width: 0.2, align: 'right' },
          { header: 'Date', width: 0.4, align: 'right' },
          { header: 'Montant', width: 0.4, align: 'right' },
        ],
        [
          ...instalments.map((i) => [String(i.number), shortDate(i.dueOn), euros(i.amount)]),
          ['Total', '', euros(instalments.reduce((sum, i) => sum + i.amount, 0))],
        ],
        { boldLast: true },
      );
    } else {
      pdf.paragraph("Le calendrier sera établi au versement de l'avance, selon les modalités ci-dessus.");
    }
    pdf.subheading("Signatures de l'annexe");
    pdf.bullets(
      signatures
        .filter((s) => s.annexOnly || s.party === ConventionParty.SME_LEADER)
        .map((s) => `${s.partyName} — ${s.capacity} : ${signatureLine(s, recorders)}`),
    );
  }
  return pdf.finish();
}
