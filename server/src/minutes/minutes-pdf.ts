import { AgendaItemKind, AgendaItemStatus } from '../meeting/agenda-item.entity.js';
import { AttendanceMode } from '../meeting/attendance.entity.js';
import { BallotKind, BallotResult, VoteChoice } from '../ballot/ballot.entity.js';
import { QuorumBasis } from '../basin/basin.entity.js';
import { DecisionOutcome } from '../decision/decision.entity.js';
import type { Minutes } from './minutes.entity.js';
import { MinutesStatus } from './minutes.entity.js';
import type { MinutesBallot, MinutesContent, MinutesItem } from './minutes-content.js';
import { FrenchPdfWriter } from './french-pdf.js';
import {
  agreed,
  attendanceLabel,
  CHOICE_LABEL,
  DOMAIN_LABEL,
  ITEM_KIND_LABEL,
  OUTCOME_LABEL,
  RULE_LABEL,
  dayCount,
  elide,
  euros,
  frenchDate,
  frenchTime,
  NBSP,
  plural,
} from './french.js';

export interface MinutesDocument {
  minutes: Minutes;
  /** When approved: the session that approved them. */
  approvedInSession: { title: string; scheduledAt: Date } | null;
}

function attendanceLine(seat: MinutesContent['attendance'][number]): string {
  if (!seat.mode) return `${seat.name} (${seat.organisation}) — ${agreed('absent', seat.civility)}`;
  const mode =
    seat.mode === AttendanceMode.REPRESENTED && seat.proxyHolder
      ? `${agreed('represented', seat.civility)} par ${seat.proxyHolder}`
      : attendanceLabel(seat.mode, seat.civility);
  return `${seat.name} (${seat.organisation}) — ${mode}`;
}

function ballotLines(ballot: MinutesBallot): string[] {
  const kind = ballot.kind === BallotKind.SECRET ? 'Vote à bulletin secret' : 'Vote nominatif';
  const cast = ballot.forCount + ballot.againstCount + ballot.abstainCount;
  const result =
    ballot.result === BallotResult.ADOPTED ? 'adoptée' : ballot.result === BallotResult.REJECTED ? 'rejetée' : '—';
  const lines = [
    `${kind} sur la motion : « ${ballot.motion} »`,
    `${plural(ballot.forCount, 'voix', 'voix')} pour, ${ballot.againstCount} contre, ` +
      `${plural(ballot.abstainCount, 'abstention')} (${plural(cast, 'votant')} sur ${ballot.eligible} ` +
      `${ballot.eligible > 1 ? 'inscrits' : 'inscrit'}) — ${RULE_LABEL[ballot.majorityRule]} — motion ${result}.`,
  ];
  if (ballot.votes?.length) {
    for (const choice of [VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN]) {
      const names = ballot.votes
        .filter((v) => v.choice === choice)
        .map((v) => (v.proxyHolder ? `${v.name} (par procuration, ${v.proxyHolder})` : v.name));
      if (names.length)
        lines.push(`${CHOICE_LABEL[choice][0]!.toUpperCase()}${CHOICE_LABEL[choice].slice(1)} : ${names.join(', ')}`);
    }
  }
  return lines;
}

function writeItem(
  pdf: FrenchPdfWriter,
  item: MinutesItem,
  index: number,
  notes: string | undefined,
  tz: string,
): void {
  pdf.subheading(`${index + 1}. ${item.title}`);
  const facts: string[] = [ITEM_KIND_LABEL[item.kind]];
  if (item.smeName && !item.title.includes(item.smeName)) facts.push(item.smeName);
  if (item.paperVersion) facts.push(`diagnostic préalable, version ${item.paperVersion}`);
  pdf.paragraph(facts.join(' — '), { muted: true });
  if (item.minutesOf) {
    pdf.paragraph(`Procès-verbal soumis à approbation : séance du ${frenchDate(item.minutesOf.scheduledAt, tz)}.`);
  }
  if (item.status === AgendaItemStatus.DEFERRED) {
    pdf.paragraph(`Point ajourné${item.deferralReason ? ` : ${item.deferralReason}` : '.'}`);
  } else if (item.status === AgendaItemStatus.PENDING) {
    pdf.paragraph('Point non traité au cours de la séance.', { italic: true });
  }
  if (item.pledges.length) {
    pdf.label('Engagements des entreprises partenaires :');
    const companies = [...new Set(item.pledges.map((p) => p.organisation))];
    pdf.bullets(
      companies.map((company) => {
        const theirs = item.pledges.filter((p) => p.organisation === company);
        const total = theirs.reduce((sum, p) => sum + p.days, 0);
        const detail = theirs
          .map(
            (p) =>
              `${DOMAIN_LABEL[p.domain]}, ${p.profile} : ${dayCount(p.days)}${p.expertName ? ` (${p.expertName})` : ''}`,
          )
          .join(' ; ');
        return `${company} — ${dayCount(total)} : ${detail}`;
      }),
    );
  }
  if (item.recusals.length) {
    pdf.label('Ne prennent pas part au vote :');
    pdf.bullets(item.recusals.map((r) => `${r.name} (${r.organisation}) — ${r.reason}`));
  }
  for (const ballot of item.ballots) {
    const [first, ...rest] = ballotLines(ballot);
    pdf.paragraph(first ?? '');
    for (const line of rest) pdf.paragraph(line, { indent: 10 });
  }
  if (item.decision) {
    const d = item.decision;
    const parts = [OUTCOME_LABEL[d.outcome]];
    if (d.outcome === DecisionOutcome.APPROVED) {
      parts.push(d.advanceAmount > 0 ? `avance remboursable de ${euros(d.advanceAmount)}` : 'sans avance remboursable');
      if (d.mandatary) parts.push(`mandataire : ${d.mandatary}`);
    }
    pdf.field('Décision', `${parts.join(' — ')}.`);
    if (d.reasons) pdf.blocks(`Motifs : ${d.reasons}`);
  } else if (
    item.kind === AgendaItemKind.MINUTES_APPROVAL &&
    (item.minutesOf?.approved || item.ballots.some((b) => b.result === BallotResult.ADOPTED))
  ) {
    pdf.field('Décision', 'procès-verbal approuvé.');
  }
  if (notes) pdf.blocks(notes);
  pdf.space(0.3);
}

/** The French PDF of a session's minutes, marked PROJET while a draft and APPROUVÉ once the committee approved them. */
export async function renderMinutesPdf({ minutes, approvedInSession }: MinutesDocument): Promise<Buffer> {
  const content = minutes.content;
  const tz = content.timeZone;
  // The day the session was held: the day it opened (a session opened on another day says why, below).
  const held = content.openedAt ?? content.scheduledAt;
  const day = frenchDate(held, tz);
  const approved = minutes.status === MinutesStatus.APPROVED;
  const pdf = new FrenchPdfWriter({
    title: `Procès-verbal de la séance du ${day}`,
    subject: `Comité d'agrément — ${content.basinName}`,
    footer: `Procès-verbal du ${day} — ${approved ? 'approuvé' : 'PROJET'}`,
    watermark: approved ? null : 'PROJET',
  });
  pdf.kicker(`Programme ALIZÉ — Comité d'agrément du bassin ${content.basinName}`);
  pdf.title(`Procès-verbal de la séance du ${day}`);
  if (approved && minutes.approvedAt) {
    const where = approvedInSession
      ? ` par le comité en séance du ${frenchDate(approvedInSession.scheduledAt, tz)}`
      : '';
    pdf.stamp(`APPROUVÉ le ${frenchDate(minutes.approvedAt, tz)}${where}`, '#1f7a4d');
  } else {
    pdf.stamp('PROJET — document de travail, non approuvé', '#b54708');
  }

  pdf.field('Séance', content.title);
  pdf.field('Date', `${day}, ${frenchTime(held, tz)}`);
  if (content.location) pdf.field('Lieu', content.location);
  pdf.field(
    'Présidence',
    content.chair && content.absentChair
      ? `${content.chair}, ${agreed('vicePresident', content.chairCivility).toLowerCase()} (en l'absence ${elide('de', content.absentChair)})`
      : (content.chair ?? '—'),
  );
  if (content.openingReason) {
    pdf.field('Prévue le', `${frenchDate(content.scheduledAt, tz)} — ouverte ce jour${NBSP}: ${content.openingReason}`);
  }
  if (content.openedAt) pdf.field('Ouverture', frenchTime(content.openedAt, tz));
  if (content.closedAt) pdf.field('Clôture', frenchTime(content.closedAt, tz));
  pdf.space();
  pdf.blocks(minutes.introduction);

  pdf.heading('Présences et quorum');
  const count = (mode: AttendanceMode | null) => content.attendance.filter((a) => a.mode === mode).length;
  pdf.paragraph(
    `${plural(count(AttendanceMode.PRESENT), 'membre présent', 'membres présents')}, ` +
      `${count(AttendanceMode.REMOTE)} à distance, ${plural(count(AttendanceMode.REPRESENTED), 'représenté')}, ` +
      `${plural(count(AttendanceMode.EXCUSED), 'excusé')}, ${plural(count(null), 'absent')}.`,
  );
  pdf.bullets(content.attendance.map(attendanceLine));
  const q = content.quorum;
  const represented = q.basis === QuorumBasis.ORGANISATION ? 'organisations représentées' : 'membres représentés';
  pdf.field(
    'Quorum',
    `${q.present} ${represented} sur ${q.total} (requis : ${q.required}, soit ${q.percent} %) — ` +
      `${q.reached ? 'atteint' : 'non atteint'}.`,
  );

  pdf.heading('Ordre du jour et délibérations');
  content.items.forEach((item, index) => writeItem(pdf, item, index, minutes.itemNotes[item.agendaItemId], tz));

  pdf.heading('Questions diverses');
  if (minutes.otherBusiness) pdf.blocks(minutes.otherBusiness);
  else pdf.paragraph('Aucune question diverse.', { italic: true });
  pdf.space();
  pdf.blocks(minutes.conclusion);
  pdf.ensureSpace(70).space(1);
  pdf.paragraph(
    content.chair
      ? `${agreed('presidentOfSession', content.chairCivility)}${NBSP}: ${content.chair}`
      : 'La présidence de séance',
  );
  if (approved && minutes.auditHeadHash) {
    pdf.space();
    pdf.field(
      'Journal d’audit',
      `tête de la chaîne à l’approbation${NBSP}: entrée n°${NBSP}${minutes.auditHeadSeq ?? 0}, empreinte SHA-256 ${minutes.auditHeadHash}`,
    );
  }
  return pdf.finish();
}
