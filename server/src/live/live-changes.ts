import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { MeetingEventPayload } from '../pubsub.js';

/** The subject of a presence change that only says who is connected now (no attendance, no hand, nothing stored). */
export const CONNECTIONS = 'connections';

/** What changed in a meeting, as a service notes it inside its transaction. */
export interface LiveChange {
  meetingId: string;
  kind: MeetingEventPayload['kind'];
  /** The record that changed, when there is one. */
  subjectId?: string | null;
  /**
   * Whose personal view (their voices, their note) this may change: people by id, or `SEATS` for every member of
   * the committee (a ballot opens or closes, the current item moves). Default: nobody's.
   */
  affects?: string[] | 'SEATS';
}

/**
 * Moves a meeting's live version on, in the caller's transaction when it has one: the version grows with every
 * committed change (on PostgreSQL the row lock also orders concurrent changes of one meeting by commit).
 */
export async function bumpLiveVersion(em: EntityManager, meetingId: string): Promise<number> {
  const rows = (await em
    .getConnection()
    .execute(
      'update meeting set live_version = live_version + 1 where id = ? returning live_version',
      [meetingId],
      'all',
      em.getTransactionContext(),
    )) as { live_version: number | string }[];
  return Number(rows[0]?.live_version ?? 0);
}

/** Collects the changes a transaction makes to live meetings, to publish them once it has committed. */
export class LiveChanges {
  private readonly noted: MeetingEventPayload[] = [];

  constructor(private readonly em: EntityManager) {}

  /** Records a change (call it last in the transaction: it takes the meeting's row until commit). */
  async note(change: LiveChange): Promise<void> {
    const version = await bumpLiveVersion(this.em, change.meetingId);
    this.noted.push({
      meetingId: change.meetingId,
      kind: change.kind,
      subjectId: change.subjectId ?? null,
      affects: change.affects ?? [],
      version,
      at: new Date().toISOString(),
    });
  }

  /** @internal Publishes what was noted; called once the transaction has committed. */
  publish(app: App): void {
    for (const event of this.noted) app.pubSub.publish('MEETING', event.meetingId, event);
  }
}

/**
 * A transaction whose live changes every screen sees once it has committed: `change` notes them with
 * `live.note(…)`; nothing is published when it throws. Events after commit, in one place.
 */
export async function liveTransaction<T>(
  app: App,
  em: EntityManager,
  change: (tem: EntityManager, live: LiveChanges) => Promise<T>,
): Promise<T> {
  let changes: LiveChanges | null = null;
  const result = await em.transactional(async (tem) => {
    changes = new LiveChanges(tem);
    return change(tem, changes);
  });
  (changes as LiveChanges | null)?.publish(app);
  return result;
}

/** A change made outside the database (presence): its own version, published at once. */
export async function publishLiveChange(app: App, em: EntityManager, change: LiveChange): Promise<void> {
  const changes = new LiveChanges(em);
  await changes.note(change);
  changes.publish(app);
}
