import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Viewer } from '../context.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { Basin } from '../basin/basin.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { buildCalendar } from './ics.js';
import { meetingEvent } from './meeting-event.js';

/** The feed's address: the token in it is the only key. */
export const feedUrl = (publicUrl: string, token: string): string => `${publicUrl}/calendar/${token}.ics`;

export interface FeedLink {
  feed: CalendarFeed;
  /** The secret, only when it was made by this call: the database keeps its hash alone. */
  token: string | null;
}

/** The viewer's feed, made on first call (the token is returned then, and only then). */
export async function ensureCalendarFeed(em: EntityManager, viewer: Viewer): Promise<FeedLink> {
  const existing = await em.findOne(CalendarFeed, { person: viewer.person.id });
  if (existing) return { feed: existing, token: null };
  const token = newToken();
  try {
    const feed = await em.transactional(async (tem) =>
      tem.create(CalendarFeed, { person: viewer.person.id, tokenHash: hashToken(token) }),
    );
    return { feed, token };
  } catch (error) {
    // two first calls at once: the other one made it
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return { feed: await em.fork().findOneOrFail(CalendarFeed, { person: viewer.person.id }), token: null };
  }
}

/** A new secret for the viewer's feed: the previous address stops working at once. */
export async function resetCalendarFeed(em: EntityManager, viewer: Viewer): Promise<FeedLink> {
  const token = newToken();
  const feed = await em.transactional(async (tem) => {
    const feed = await tem.findOne(CalendarFeed, { person: viewer.person.id });
    if (!feed) return tem.create(CalendarFeed, { person: viewer.person.id, tokenHash: hashToken(token) });
    feed.tokenHash = hashToken(token);
    feed.createdAt = new Date();
    feed.lastUsedAt = null;
    return feed;
  });
  return { feed, token };
}

/**
 * The iCalendar of a feed: the coming (not closed) sessions of every basin where its person holds a committee role
 * today (an SME leader's role does not count). Null for an unknown token.
 */
export async function feedCalendar(em: EntityManager, token: string, publicUrl: string): Promise<string | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const feed = await em.findOne(CalendarFeed, { tokenHash: hashToken(token) });
  if (!feed) return null;
  const memberships = await em.find(Membership, { person: feed.person.id, role: { $nin: [Role.SME, Role.EXPERT] } });
  const basinIds = [...new Set(memberships.map((m) => m.basin.id))];
  const basins = new Map((await em.find(Basin, { id: { $in: basinIds } })).map((b) => [b.id, b]));
  const meetings = await em.find(
    Meeting,
    { basin: { $in: basinIds }, status: { $ne: MeetingStatus.CLOSED } },
    { orderBy: { scheduledAt: 'asc' } },
  );
  const items = await em.find(AgendaItem, { meeting: { $in: meetings.map((m) => m.id) } });
  feed.lastUsedAt = new Date();
  await em.flush();
  return buildCalendar({
    method: 'PUBLISH',
    name: `Comités d'agrément${basins.size === 1 ? ` — ${[...basins.values()][0]?.name}` : ''}`,
    events: meetings.map((meeting) =>
      meetingEvent(
        meeting,
        items.filter((i) => i.meeting.id === meeting.id),
        basins.get(meeting.basin.id) ?? { name: '' },
        publicUrl,
      ),
    ),
  });
}
