import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { FollowUpReport } from '../follow-up/follow-up-report.entity.js';
import { REMINDER_DAYS, followUpSlots } from '../follow-up/follow-up.service.js';
import { Advance, AdvanceStatus, RepaymentInstalment } from '../advance/advance.entity.js';
import { dayIn, euros, frenchDate, fullName, plural } from '../minutes/french.js';
import type { MailAddress, MailMessage } from './mailer.js';
import { ReminderLog } from './reminder-log.entity.js';

/** One reminder to send: its subject key (once a day) and its message. */
interface Reminder {
  subjectKey: string;
  message: MailMessage;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, count: number) => new Date(Date.parse(day) + count * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const address = (person: Person): MailAddress => ({ name: fullName(person), email: person.email });

function when(dueOn: string, today: string): string {
  const gap = daysBetween(today, dueOn);
  if (gap < 0) return `en retard de ${plural(-gap, 'jour')}`;
  if (gap === 0) return "aujourd'hui";
  return `dans ${plural(gap, 'jour')}`;
}

/** Reports due within 15 days or overdue, for the mandatary (the operators in copy). */
async function reportReminders(
  em: EntityManager,
  basin: Basin,
  operators: Person[],
  today: string,
  publicUrl: string,
): Promise<Reminder[]> {
  const projects = await em.find(
    Project,
    {
      basin,
      status: { $in: [ProjectStatus.APPROVED, ProjectStatus.FOLLOW_UP] },
      mandatary: { $ne: null },
      decidedAt: { $ne: null },
    },
    { populate: ['mandatary', 'sme'], orderBy: { decidedAt: 'asc' } },
  );
  const reports = await em.find(FollowUpReport, { project: { $in: projects.map((p) => p.id) } });
  const reminders: Reminder[] = [];
  for (const project of projects) {
    const mandatary = project.mandatary!.getEntity();
    const sme = project.sme.getEntity();
    const slots = followUpSlots(
      basin,
      project,
      reports.filter((r) => r.project.id === project.id),
      today,
    ).filter((slot) => slot.state === 'DUE_SOON' || slot.state === 'OVERDUE');
    for (const slot of slots) {
      const overdue = slot.state === 'OVERDUE';
      reminders.push({
        subjectKey: `report:${project.id}:${slot.monthsAfterDecision}`,
        message: {
          to: [address(mandatary)],
          cc: operators.filter((o) => o.id !== mandatary.id).map(address),
          subject: `Rappel : rapport de suivi à ${slot.monthsAfterDecision} mois — ${sme.name}${overdue ? ' (en retard)' : ''}`,
          text: [
            `Bonjour ${mandatary.firstName},`,
            '',
            `Le rapport de suivi à ${slot.monthsAfterDecision} mois du projet « ${project.title} » de ${sme.name} ` +
              `${overdue ? 'était attendu' : 'est attendu'} le ${frenchDate(slot.dueOn)} (${when(slot.dueOn, today)}).`,
            '',
            'Vous pouvez le déposer sur la page du projet : compétences mises à disposition, recrutements, difficultés,',
            'demande éventuelle d’une nouvelle intervention.',
            `${publicUrl}/projects/${project.id}`,
            '',
            'Agrément — comités ALIZÉ',
          ].join('\n'),
        },
      });
    }
  }
  return reminders;
}

/** Instalments due within 15 days or late, per advance: to the SME leader and the mandatary, the operators in copy. */
async function instalmentReminders(
  em: EntityManager,
  basin: Basin,
  operators: Person[],
  today: string,
  publicUrl: string,
): Promise<Reminder[]> {
  const soon = addDays(today, REMINDER_DAYS);
  const advances = await em.find(
    Advance,
    { project: { basin }, status: AdvanceStatus.DISBURSED },
    { populate: ['project'], orderBy: { createdAt: 'asc' } },
  );
  const instalments = (
    await em.find(
      RepaymentInstalment,
      { advance: { $in: advances.map((a) => a.id) }, dueOn: { $lte: soon } },
      { orderBy: { number: 'asc' } },
    )
  ).filter((i) => i.paidAmount < i.amount);
  const reminders: Reminder[] = [];
  for (const advance of advances) {
    const due = instalments.filter((i) => i.advance.id === advance.id);
    if (!due.length) continue;
    const project = advance.project.getEntity();
    const sme = await em.findOneOrFail(Sme, project.sme.id);
    const leader = sme.leader ? await em.findOne(Person, sme.leader.id) : null;
    const mandatary = project.mandatary ? await em.findOne(Person, project.mandatary.id) : null;
    const to = [leader, mandatary].filter((p): p is Person => !!p);
    const cc = operators.filter((o) => !to.some((p) => p.id === o.id));
    const late = due.some((i) => i.dueOn < today);
    const left = due.reduce((sum, i) => sum + i.amount - i.paidAmount, 0);
    reminders.push({
      subjectKey: `instalments:${advance.id}`,
      message: {
        to: to.length ? to.map(address) : cc.map(address),
        cc: to.length ? cc.map(address) : [],
        subject: `Rappel : ${late ? 'remboursement en retard' : 'prochaine échéance'} de l'avance — ${sme.name}`,
        text: [
          leader ? `Bonjour ${leader.firstName},` : 'Bonjour,',
          '',
          `Avance remboursable de ${euros(advance.amount)} accordée à ${sme.name} (projet « ${project.title} ») :`,
          ...due.map(
            (i) =>
              `  - échéance n° ${i.number} du ${frenchDate(i.dueOn)} : ${euros(i.amount - i.paidAmount)} ` +
              `restant dus (${when(i.dueOn, today)})`,
          ),
          '',
          `Total à régler : ${euros(left)}.`,
          late
            ? "Merci de régulariser au plus vite, ou de prendre contact avec l'opérateur local en cas de difficulté."
            : "Merci de prévoir le règlement à l'échéance.",
          '',
          `${publicUrl}/projects/${project.id}`,
          '',
          'Agrément — comités ALIZÉ',
        ].join('\n'),
      },
    });
  }
  return reminders;
}

/** Claims a subject for the day: false when a reminder about it went out already (the unique key decides). */
async function claim(app: App, basin: Basin, reminder: Reminder, day: string): Promise<ReminderLog | null> {
  try {
    return await app.orm.em.fork().transactional(async (tem) =>
      tem.create(ReminderLog, {
        basin: basin.id,
        subjectKey: reminder.subjectKey,
        day,
        recipients: reminder.message.to.length + (reminder.message.cc?.length ?? 0),
      }),
    );
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return null;
    throw error;
  }
}

/**
 * Sends the day's reminders of a basin: follow-up reports due within 15 days or overdue (to the mandatary), and
 * repayment instalments due within 15 days or late (to the SME leader and the mandatary), each with the operators
 * in copy. Each subject is sent once a day, however many times this runs. Returns how many messages went out.
 */
export async function sendReminders(app: App, basinId: string, now: Date = new Date()): Promise<number> {
  const em = app.orm.em.fork();
  const basin = await em.findOne(Basin, basinId);
  if (!basin) throw notFound('Basin');
  const today = dayIn(now, basin.timezone);
  const operators = (
    await em.find(Membership, { basin, role: Role.OPERATOR }, { populate: ['person'], orderBy: { createdAt: 'asc' } })
  ).map((m) => m.person.getEntity());
  const publicUrl = app.config.publicUrl;
  const reminders = [
    ...(await reportReminders(em, basin, operators, today, publicUrl)),
    ...(await instalmentReminders(em, basin, operators, today, publicUrl)),
  ];
  let sent = 0;
  for (const reminder of reminders) {
    if (!reminder.message.to.length) continue;
    const log = await claim(app, basin, reminder, today);
    if (!log) continue;
    try {
      await app.mailer.send(reminder.message);
      sent += 1;
    } catch (error) {
      // give the subject back, so that a later run today can try again
      await app.orm.em.fork().nativeDelete(ReminderLog, { id: log.id });
      app.logger.error('reminder not sent', { subjectKey: reminder.subjectKey, reason: (error as Error).message });
    }
  }
  return sent;
}
