import type { MikroORM } from '@mikro-orm/core';
import type { Config } from './config.js';
import type { PubSub, MeetingEventPayload } from './pubsub.js';
import type { Logger } from './logger.js';
import type { SignInThrottle } from './auth/throttle.js';
import type { FileStore } from './diagnosis/file-store.js';
import type { PresenceRegistry } from './presence/presence.js';
import type { Mailer } from './notification/mailer.js';

/** Long-lived services shared by every request: built once by `createApp`. */
export interface App {
  config: Config;
  orm: MikroORM;
  pubSub: PubSub;
  logger: Logger;
  /** Failed sign-ins, per account and address, per address and per account (shared through Redis when configured). */
  throttle: SignInThrottle;
  files: FileStore;
  /** Who is connected to each meeting right now (in memory, or shared through Redis). */
  presence: PresenceRegistry;
  /** Outgoing mail: SMTP, or .eml files under `DATA_DIR/mail` when no server is configured. */
  mailer: Mailer;
  /** Publishes meeting events; call only after the transaction that made the change has committed. */
  publishMeetingEvent(meetingId: string, kind: MeetingEventPayload['kind'], subjectId?: string | null): void;
}

export function publisher(pubSub: PubSub): App['publishMeetingEvent'] {
  return (meetingId, kind, subjectId = null) => {
    pubSub.publish('MEETING', meetingId, { meetingId, kind, subjectId, at: new Date().toISOString() });
  };
}
