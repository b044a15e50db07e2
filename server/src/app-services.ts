import type { MikroORM } from '@mikro-orm/core';
import type { Config } from './config.js';
import type { PubSub } from './pubsub.js';
import type { LiveHub } from './live/live-hub.js';
import type { Logger } from './logger.js';
import type { SignInThrottle } from './auth/throttle.js';
import type { FileStore } from './diagnosis/file-store.js';
import type { PresenceRegistry } from './presence/presence.js';
import type { Mailer } from './notification/mailer.js';
import type { BallotSeal } from './ballot/seal.js';
import type { LiveConnections } from './auth/live-connections.js';

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
  /** Open websockets by session and person: signing out or losing a role closes them, on every instance. */
  connections: LiveConnections;
  /** Seals the choices of secret ballots until they close. */
  seal: BallotSeal;
  /** Live meetings: the views every screen is pushed, and presence. Set once the schema is built. */
  live: LiveHub;
}
