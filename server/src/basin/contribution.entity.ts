import { Entity, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from './basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';

/** Money a partner puts into the scheme for a year (staff time is valued from the pledges, not recorded here). */
@ObjectType()
@Entity()
export class Contribution extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  @Index({ name: 'contribution_basin_idx' })
  basin!: Ref<Basin>;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: 'In euros' })
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  label: Opt<string> = '';
}
