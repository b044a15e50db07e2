import { requireRole } from '../auth/auth-checker.js';
import { readsBasin, type Asker } from '../basin/basin.access.js';
import { notFound } from '../errors.js';
import { Role } from '../person/membership.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { Meeting } from './meeting.entity.js';

/**
 * Who may read and act on meetings. Sessions are committee data: their basin's committee roles and the national
 * head read them; to anyone else (another basin, an SME leader) a meeting is NOT_FOUND.
 */

/** A meeting the viewer may read, or NOT_FOUND. */
export async function readableMeeting(ctx: Asker, id: string): Promise<Meeting> {
  const meeting = await ctx.em.findOne(Meeting, id);
  if (!meeting || !readsBasin(ctx.viewer, meeting.basin.id)) throw notFound('Meeting');
  return meeting;
}

/** An agenda item whose meeting the viewer may read, or NOT_FOUND. */
export async function readableItem(ctx: Asker, itemId: string): Promise<AgendaItem> {
  const item = await ctx.em.findOne(AgendaItem, itemId, { populate: ['meeting'] });
  if (!item || !readsBasin(ctx.viewer, item.meeting.getEntity().basin.id)) throw notFound('Agenda item');
  return item;
}

/** A meeting the viewer prepares: NOT_FOUND when unreadable, FORBIDDEN for a reader who is not its operator. */
export async function operatorMeeting(ctx: Asker, id: string): Promise<Meeting> {
  const meeting = await readableMeeting(ctx, id);
  requireRole(ctx, meeting.basin.id, Role.OPERATOR);
  return meeting;
}

/** An agenda item the viewer prepares, like {@link operatorMeeting}. */
export async function operatorItem(ctx: Asker, id: string): Promise<AgendaItem> {
  const item = await readableItem(ctx, id);
  await operatorMeeting(ctx, item.meeting.id);
  return item;
}
