import { Entity, ManyToOne, Property, type Ref, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';

/**
 * One reminder sent, per subject and day. The unique key is the guard: a second run the same day — on this
 * instance or another — cannot claim the same subject again, so nobody gets the same reminder twice a day.
 */
@Entity()
@Unique({ properties: ['subjectKey', 'day'] })
export class ReminderLog extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  /** What the reminder is about, e.g. `report:<projectId>:6` or `instalments:<advanceId>`. */
  @Property({ type: 'string' })
  subjectKey!: string;

  /** The basin's calendar day it was sent for. */
  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'integer' })
  recipients: Opt<number> = 0;
}
