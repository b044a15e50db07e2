import type { ConnectionEnd, ConnectionEndReason, PubSub } from '../pubsub.js';

/**
 * graphql-ws close codes: 4401 (Unauthorized) tells a client its session is over — it stops and signs in again;
 * 4403 (Forbidden) that its access changed — it reconnects, and the server resolves its rights afresh.
 */
const CLOSE = {
  SIGNED_OUT: { code: 4401, reason: 'Signed out' },
  SESSION_EXPIRED: { code: 4401, reason: 'Session expired' },
  ACCESS_CHANGED: { code: 4403, reason: 'Access changed' },
} as const satisfies Record<ConnectionEndReason, { code: number; reason: string }>;

/** The little of a websocket we need. */
export interface Closable {
  close(code: number, reason: string): void;
}

/**
 * The open websockets of this instance, by sign-in session and by person. Ending goes through the bus, so that the
 * instance where a person signs out closes their sockets on every instance; a socket also closes by itself when its
 * session expires.
 */
export class LiveConnections {
  private readonly bySession = new Map<string, Set<Closable>>();
  private readonly byPerson = new Map<string, Set<Closable>>();
  private readonly events: AsyncIterator<ConnectionEnd>;

  constructor(private readonly pubSub: PubSub) {
    this.events = pubSub.subscribe('CONNECTIONS')[Symbol.asyncIterator]();
    void this.listen();
  }

  /** Registers an authenticated socket until it closes; returns what to call when it does. */
  add(socket: Closable, session: { sessionId: string; personId: string; expiresAt: Date }): () => void {
    const add = (map: Map<string, Set<Closable>>, key: string) => {
      const set = map.get(key) ?? new Set<Closable>();
      set.add(socket);
      map.set(key, set);
    };
    add(this.bySession, session.sessionId);
    add(this.byPerson, session.personId);
    const expiry = setTimeout(
      () => socket.close(CLOSE.SESSION_EXPIRED.code, CLOSE.SESSION_EXPIRED.reason),
      // setTimeout takes at most 2^31 - 1 ms; sessions last hours
      Math.min(Math.max(0, session.expiresAt.getTime() - Date.now()), 2 ** 31 - 1),
    );
    expiry.unref();
    return () => {
      clearTimeout(expiry);
      for (const [map, key] of [
        [this.bySession, session.sessionId],
        [this.byPerson, session.personId],
      ] as const) {
        const set = map.get(key);
        set?.delete(socket);
        if (set?.size === 0) map.delete(key);
      }
    };
  }

  /** Ends the connections of a session or a person on every instance (call after the change has committed). */
  end(end: ConnectionEnd): void {
    this.pubSub.publish('CONNECTIONS', end);
  }

  /** How many sockets this instance holds for a person (tests, diagnostics). */
  count(personId: string): number {
    return this.byPerson.get(personId)?.size ?? 0;
  }

  async close(): Promise<void> {
    await this.events.return?.();
  }

  private async listen(): Promise<void> {
    for (;;) {
      const next = await this.events.next();
      if (next.done) return;
      const end = next.value;
      const sockets = end.sessionId ? this.bySession.get(end.sessionId) : this.byPerson.get(end.personId ?? '');
      const { code, reason } = CLOSE[end.reason];
      for (const socket of [...(sockets ?? [])]) socket.close(code, reason);
    }
  }
}
