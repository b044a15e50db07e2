import type { EntityManager } from '@mikro-orm/core';

/**
 * Who writes through an entity manager, for the audit trail. It rides in the manager's logger context, which MikroORM
 * copies into every fork (`em.fork()`, `em.transactional`): set once where a request's manager is made, it follows the
 * request's writes wherever a service forks. Unset means the system (scripts, seeders, timers, steps before sign-in).
 */
export function setAuditActor(em: EntityManager, personId: string | null): void {
  em.setLoggerContext({ ...em.getLoggerContext(), auditActor: personId });
}

export function auditActorOf(em: EntityManager): string | null {
  const actor = em.getLoggerContext<{ auditActor?: unknown }>().auditActor;
  return typeof actor === 'string' ? actor : null;
}
