import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Person } from '../person/person.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Invitation } from '../auth/invitation.entity.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { normaliseEmail } from '../auth/auth.service.js';
import type { Project } from '../project/project.entity.js';
import type { InviteExpertInput } from './expert.inputs.js';
import { recordNativeWrites } from '../audit/audit.subscriber.js';

/** As long as any invitation link lasts. */
const INVITATION_DAYS = 7;

export interface ExpertInvitation {
  membership: Membership;
  /** The one-time link to set a password; null when the person already has an account (they sign in as usual). */
  link: string | null;
}

/**
 * Gives an outside professional access to one project's paper: an EXPERT membership scoped to the project, and an
 * invitation link when the person is new. A person holds at most one role of each kind in a basin, so an expert
 * writes on one project of a basin at a time; a member of the basin already reads the papers and is not invited.
 */
/** A complementary diagnosis is one or two professionals' work: the list of a project's experts stays short. */
export const MAX_EXPERTS_PER_PROJECT = 10;

export async function inviteExpert(
  app: App,
  em: EntityManager,
  inviter: Viewer,
  project: Project,
  input: InviteExpertInput,
): Promise<ExpertInvitation> {
  const email = normaliseEmail(input.email);
  const result = await em.transactional(async (tem) => {
    if ((await tem.count(Membership, { role: Role.EXPERT, project: project.id })) >= MAX_EXPERTS_PER_PROJECT) {
      throw new AppError(
        ErrorCode.INVALID_STATE,
        `A project has at most ${MAX_EXPERTS_PER_PROJECT} experts: revoke one first`,
      );
    }
    let person = await tem.findOne(Person, { email });
    let token: string | null = null;
    if (person) {
      const roles = await tem.find(Membership, { person, basin: project.basin.id });
      if (roles.some((m) => m.role === Role.EXPERT && m.project?.id === project.id)) {
        throw new AppError(ErrorCode.INVALID_STATE, 'This person is already the expert of this project');
      }
      if (roles.length > 0) {
        throw badInput('This person already holds a role in the basin', { email: 'alreadyInBasin' });
      }
    } else {
      person = tem.create(Person, {
        email,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        title: input.title?.trim() || null,
      });
      token = newToken();
      tem.create(Invitation, {
        tokenHash: hashToken(token),
        person,
        basin: project.basin.id,
        invitedBy: inviter.person,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
      });
    }
    const membership = tem.create(Membership, { person, basin: project.basin.id, role: Role.EXPERT, project });
    return { membership, token };
  });
  const link = result.token ? `${app.config.publicUrl}/invitation/${result.token}` : null;
  if (link && app.config.nodeEnv === 'development') {
    app.logger.info('expert invitation link (development only)', { email, link });
  }
  return { membership: result.membership, link };
}

/** The experts given access to a project, oldest first. */
export const expertsOf = (em: EntityManager, project: Project): Promise<Membership[]> =>
  em.find(Membership, { project, role: Role.EXPERT }, { orderBy: { createdAt: 'asc' }, populate: ['person'] });

/**
 * Ends an expert's access to a project: the membership goes (the person and what they wrote stay), and their open
 * websockets are told their access changed, so that they reconnect with what they have left.
 */
export async function revokeExpert(app: App, em: EntityManager, project: Project, personId: string): Promise<void> {
  const deleted = await em.transactional(async (tem) => {
    const gone = await tem.find(Membership, { person: personId, project, role: Role.EXPERT });
    await recordNativeWrites(
      tem,
      'Membership',
      'DELETE',
      gone.map((m) => ({
        id: m.id,
        before: { person: personId, basin: m.basin.id, project: project.id, role: Role.EXPERT },
      })),
    );
    return tem.nativeDelete(Membership, { person: personId, project, role: Role.EXPERT });
  });
  if (!deleted) throw notFound('Expert');
  app.connections.end({ personId, reason: 'ACCESS_CHANGED' });
}
