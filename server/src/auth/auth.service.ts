import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Civility, Person } from '../person/person.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { AuthSession } from './auth-session.entity.js';
import { Invitation } from './invitation.entity.js';
import { hashPassword, passwordProblem, personalWords, verifyPassword } from './password.js';
import { hashToken, newToken } from './tokens.js';
import type { Viewer } from '../context.js';
import { recordNativeWrites } from '../audit/audit.subscriber.js';

const INVITATION_DAYS = 7;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export interface SignedIn {
  token: string;
  expiresAt: Date;
  person: Person;
}

/**
 * Checks the password and opens a session. One generic error for a wrong email or password; failures slow down
 * (see `throttle.ts`), an unknown email's as a known one's.
 */
export async function signIn(
  app: App,
  em: EntityManager,
  email: string,
  password: string,
  ip: string,
): Promise<SignedIn> {
  const normalised = normaliseEmail(email);
  const wait = await app.throttle.claim(normalised, ip);
  if (wait > 0) {
    throw new AppError(ErrorCode.TOO_MANY_ATTEMPTS, `Too many failed attempts: try again in ${wait} s`, {
      retryAfterSeconds: wait,
    });
  }
  const person = await em.findOne(Person, { email: normalised }, { populate: ['passwordHash'] });
  const ok = await verifyPassword(password, person?.passwordHash);
  if (!person || !ok) {
    await app.throttle.failed(normalised, ip);
    throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Wrong email or password');
  }
  await app.throttle.succeeded(normalised, ip);
  return openSession(app, em, person);
}

export async function openSession(app: App, em: EntityManager, person: Person): Promise<SignedIn> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + app.config.sessionHours * 3600 * 1000);
  em.create(AuthSession, { tokenHash: hashToken(token), person, expiresAt });
  await em.flush();
  return { token, expiresAt, person };
}

/** Ends the session: its token stops working, and its open websockets close at once (on every instance). */
export async function signOut(app: App, em: EntityManager, viewer: Viewer): Promise<void> {
  await em.nativeDelete(AuthSession, { id: viewer.sessionId });
  app.connections.end({ sessionId: viewer.sessionId, reason: 'SIGNED_OUT' });
}

export interface InviteInput {
  basinId: string;
  email: string;
  firstName: string;
  lastName: string;
  title?: string | null;
  civility?: Civility | null;
  role: Role;
  organisationId?: string | null;
}

/**
 * Creates a person without a password, their role in the basin and a one-time link to set the password.
 * Returns the link; in development it is also written to the log (never in production). The chair and vice-chair
 * are not invited into office: they are members first, then take office by a handover (`chair-terms.service.ts`).
 */
export async function invitePerson(app: App, em: EntityManager, inviter: Viewer, input: InviteInput) {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw badInput('This email address is not valid', { email: 'invalid' });
  // An expert's role is scoped to one project: it is given on the project's page (inviteExpert).
  if (input.role === Role.EXPERT) throw badInput('An expert is invited on a project', { role: 'expertOnProject' });
  if (!input.firstName.trim() || !input.lastName.trim()) {
    throw badInput('First and last name are required', { firstName: 'required', lastName: 'required' });
  }
  if (input.role === Role.CHAIR || input.role === Role.VICE_CHAIR) {
    throw new AppError(
      ErrorCode.CHAIR_NOT_PARTNER_REPRESENTATIVE,
      'The chair and vice-chair are serving members of a partner company: invite a member, then hand over the chair',
    );
  }
  const result = await em.transactional(async (tem) => {
    const basin = await tem.findOne(Basin, input.basinId);
    if (!basin) throw notFound('Basin');
    let organisation: Organisation | null = null;
    if (input.organisationId) {
      organisation = await tem.findOne(Organisation, { id: input.organisationId, basin });
      if (!organisation) throw notFound('Organisation');
      if (organisation.archivedAt) {
        throw new AppError(ErrorCode.ORGANISATION_ARCHIVED, 'This organisation is archived');
      }
    }
    const person = await createInvitedPerson(tem, { ...input, email });
    tem.create(Membership, { person, basin, role: input.role, organisation });
    const token = createInvitation(tem, person, basin, inviter.person);
    return { person, token };
  });
  return { person: result.person, link: invitationLink(app, result.person, result.token) };
}

/** A new person without a password; DUPLICATE_EMAIL when the email already has an account. */
export async function createInvitedPerson(
  tem: EntityManager,
  input: {
    email: string;
    firstName: string;
    lastName: string;
    title?: string | null;
    civility?: Civility | null;
    isNetworkHead?: boolean;
  },
): Promise<Person> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw badInput('This email address is not valid', { email: 'invalid' });
  if (!input.firstName.trim() || !input.lastName.trim()) {
    throw badInput('First and last name are required', { firstName: 'required', lastName: 'required' });
  }
  if (await tem.findOne(Person, { email })) {
    throw new AppError(ErrorCode.DUPLICATE_EMAIL, 'An account already uses this email');
  }
  return tem.create(Person, {
    email,
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    title: input.title ?? null,
    civility: input.civility ?? null,
    isNetworkHead: input.isNetworkHead ?? false,
  });
}

/** A one-time invitation (valid 7 days) for `person`; returns the token, of which only the hash is stored. */
export function createInvitation(tem: EntityManager, person: Person, basin: Basin | null, invitedBy: Person): string {
  const token = newToken();
  tem.create(Invitation, {
    tokenHash: hashToken(token),
    person,
    basin,
    invitedBy,
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
  });
  return token;
}

/** The link to pass on; written to the log in development only. */
export function invitationLink(app: Pick<App, 'config' | 'logger'>, person: Person, token: string): string {
  const link = `${app.config.publicUrl}/invitation/${token}`;
  if (app.config.nodeEnv === 'development') {
    app.logger.info('invitation link (development only)', { email: person.email, link });
  } else {
    app.logger.info('invitation created', { personId: person.id });
  }
  return link;
}

/** Sets the password of an invited person and signs them in. The link works once. */
export async function acceptInvitation(
  app: App,
  em: EntityManager,
  token: string,
  password: string,
): Promise<SignedIn> {
  const valid = { tokenHash: hashToken(token), usedAt: null, expiresAt: { $gt: new Date() } };
  const invited = await em.findOne(Invitation, valid, { populate: ['person', 'basin'] });
  if (!invited) throw new AppError(ErrorCode.INVALID_INVITATION, 'This invitation link is invalid or has expired');
  const basin = invited.basin?.getEntity() ?? null;
  const problem = await passwordProblem(password, [
    ...personalWords(invited.person.getEntity()),
    ...(basin ? [basin.name.toLowerCase(), basin.slug] : []),
  ]);
  if (problem) {
    const { reason, warning, suggestions } = problem;
    throw new AppError(ErrorCode.WEAK_PASSWORD, problem.message, { reason, warning, suggestions });
  }
  const passwordHash = await hashPassword(password);
  const person = await em.transactional(async (tem) => {
    const invitation = await tem.findOne(Invitation, valid, { populate: ['person'] });
    if (!invitation) throw new AppError(ErrorCode.INVALID_INVITATION, 'This invitation link is invalid or has expired');
    // The conditional update makes a second, concurrent use of the same link fail.
    const usedAt = new Date();
    const used = await tem.nativeUpdate(Invitation, { id: invitation.id, usedAt: null }, { usedAt });
    if (used !== 1) throw new AppError(ErrorCode.INVALID_INVITATION, 'This invitation link is invalid or has expired');
    await recordNativeWrites(tem, 'Invitation', 'UPDATE', [
      { id: invitation.id, before: { usedAt: null }, after: { usedAt } },
    ]);
    const invited = invitation.person.getEntity();
    invited.passwordHash = passwordHash;
    return invited;
  });
  return openSession(app, em, person);
}
