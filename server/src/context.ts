import type { EntityManager } from '@mikro-orm/core';
import { AuthSession } from './auth/auth-session.entity.js';
import { hashToken } from './auth/tokens.js';
import type { Membership, Role } from './person/membership.entity.js';
import { Person } from './person/person.entity.js';
import type { App } from './app-services.js';
import type { LiveState } from './live/live-data.js';
import type { WebSocket } from 'ws';

/** One of the viewer's per-basin roles, flattened for quick checks. */
export interface Grant {
  basinId: string;
  role: Role;
  organisationId: string | null;
  /** EXPERT only: the one project the grant reaches. */
  projectId?: string | null;
}

/** Who is asking: resolved once per HTTP request or websocket operation, by the same code. */
export interface Viewer {
  person: Person;
  sessionId: string;
  /** When the sign-in session ends. */
  expiresAt: Date;
  grants: Grant[];
}

/** Response hooks that only HTTP has (a websocket cannot set a cookie). */
export interface HttpHooks {
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  app: App;
  /** The caller's address, for throttling sign-ins. */
  ip: string;
  transport: 'http' | 'ws';
  http?: HttpHooks;
  /** Language the caller asked for (Accept-Language or connection_init `locale`). */
  locale: 'fr' | 'en';
  /** Websockets: the live version of each meeting the client already shows (connection_init `liveVersions`). */
  liveVersions?: Record<string, number>;
  /** A live room's kept state of its meeting, when this context computes one of the room's views. */
  liveState?: LiveState;
  /** Websockets: the socket and the id of the operation, for the live hub to write a shared view's messages. */
  liveSocket?: { socket: WebSocket; operationId: string };
}

/** Finds the live session a token belongs to, with the person's grants; null when unknown or expired. */
export async function resolveViewer(em: EntityManager, token: string | null): Promise<Viewer | null> {
  if (!token) return null;
  // One query: the session, its person and their memberships, joined.
  const session = await em.findOne(
    AuthSession,
    { tokenHash: hashToken(token), expiresAt: { $gt: new Date() } },
    { populate: ['person.memberships'], strategy: 'joined' },
  );
  if (!session) return null;
  const person = session.person.getEntity();
  return {
    person,
    sessionId: session.id,
    expiresAt: session.expiresAt,
    grants: person.memberships.getItems().map((m: Membership) => ({
      basinId: m.basin.id,
      role: m.role,
      organisationId: m.organisation?.id ?? null,
      projectId: m.project?.id ?? null,
    })),
  };
}

/**
 * A viewer resolved once (a websocket, when it connected), for one more operation with its own entity manager: the
 * person is attached to `em` from the data already read, without a query.
 */
export function viewerFor(em: EntityManager, viewer: Viewer): Viewer {
  const { id, createdAt, updatedAt, email, firstName, lastName, title, locale, isNetworkHead } = viewer.person;
  const person = em.merge(
    Person,
    { id, createdAt, updatedAt, email, firstName, lastName, title, locale, isNetworkHead },
    { refresh: true },
  );
  return { ...viewer, person };
}

export function pickLocale(header: string | undefined | null): 'fr' | 'en' {
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'fr';
}
