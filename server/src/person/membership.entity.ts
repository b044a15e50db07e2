import { Entity, Enum, ManyToOne, type Ref, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Person } from './person.entity.js';
import type { Project } from '../project/project.entity.js';

/** What a person may do in one basin. A person may hold several roles (a chair is also a member). */
export enum Role {
  OPERATOR = 'OPERATOR',
  CHAIR = 'CHAIR',
  /** Presides when the chair is absent; like the chair, a serving representative of a partner company. */
  VICE_CHAIR = 'VICE_CHAIR',
  MEMBER = 'MEMBER',
  OBSERVER = 'OBSERVER',
  SME = 'SME',
  /** An outside professional writing a complementary diagnosis: reads and writes one project's paper, nothing else. */
  EXPERT = 'EXPERT',
}
registerEnumType(Role, { name: 'Role' });

/** The roles that sit on the committee for an organisation: each holds a seat, counts in the quorum and votes. */
export const COMMITTEE_ROLES: readonly Role[] = [Role.MEMBER, Role.CHAIR, Role.VICE_CHAIR];

@ObjectType()
@Entity()
@Unique({ properties: ['person', 'basin', 'role'] })
export class Membership extends BaseEntity {
  @ManyToOne(() => Person, { ref: true })
  person!: Ref<Person>;

  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  @Field(() => Role)
  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  /** The organisation the person represents in this role (none for an SME leader). */
  @ManyToOne(() => Organisation, { ref: true, nullable: true })
  organisation?: Ref<Organisation> | null;

  /** EXPERT only: the one project whose paper the expert reads and writes. */
  @ManyToOne('Project', { ref: true, nullable: true, deleteRule: 'cascade' })
  project?: Ref<Project> | null;
}
