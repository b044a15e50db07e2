import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';

export enum ReviewVerdict {
  /** The steering committee's member validates the decision a posteriori. */
  VALIDATED = 'VALIDATED',
  /** The member questions it: the question goes on the committee's next agenda. */
  QUESTIONED = 'QUESTIONED',
}
registerEnumType(ReviewVerdict, { name: 'ReviewVerdict' });

/**
 * A steering committee member's review of a committee decision, after the fact. Reviews are never edited: a member
 * who changes their mind (once the committee has answered a question, say) records a new one, and the latest counts.
 */
@ObjectType()
@Entity()
@Index({ name: 'decision_review_decision_idx', properties: ['decision'] })
export class DecisionReview extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  @Index({ name: 'decision_review_basin_idx' })
  basin!: Ref<Basin>;

  @ManyToOne(() => Decision, { ref: true })
  decision!: Ref<Decision>;

  @ManyToOne(() => Person, { ref: true })
  reviewer!: Ref<Person>;

  @Field(() => ReviewVerdict)
  @Enum({ items: () => ReviewVerdict, type: 'string' })
  verdict!: ReviewVerdict;

  @Field(() => String, { description: 'Why it is questioned (required then); an optional remark on a validation' })
  @Property({ type: 'text' })
  comment!: string;

  /** The agenda item that puts a question before the committee: null until a session is being prepared. */
  @ManyToOne(() => AgendaItem, { ref: true, nullable: true })
  agendaItem?: Ref<AgendaItem> | null;
}

/** An orientation the steering committee gives the basin: recorded once, read by everyone of the basin. */
@ObjectType()
@Entity()
export class Orientation extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  @Index({ name: 'orientation_basin_idx' })
  basin!: Ref<Basin>;

  @ManyToOne(() => Person, { ref: true })
  author!: Ref<Person>;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  text!: string;
}
