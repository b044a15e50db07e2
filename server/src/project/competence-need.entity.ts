import { Entity, Enum, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import type { Project } from './project.entity.js';

export enum CompetenceDomain {
  QUALITY = 'QUALITY',
  PRODUCTION = 'PRODUCTION',
  LEAN = 'LEAN',
  HR = 'HR',
  SALES_EXPORT = 'SALES_EXPORT',
  FINANCE = 'FINANCE',
  IT = 'IT',
  MANAGEMENT = 'MANAGEMENT',
  OTHER = 'OTHER',
}
registerEnumType(CompetenceDomain, { name: 'CompetenceDomain' });

/** Staff time a project needs: partner companies pledge against it in the session. */
@ObjectType()
@Entity()
export class CompetenceNeed extends BaseEntity {
  @ManyToOne('Project', { ref: true })
  project!: Ref<Project>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position: Opt<number> = 0;

  @Field(() => CompetenceDomain)
  @Enum({ items: () => CompetenceDomain, type: 'string' })
  domain!: CompetenceDomain;

  @Field(() => String, { description: 'Profile sought, e.g. "quality engineer, ISO 9001 auditor"' })
  @Property({ type: 'string' })
  profile!: string;

  @Field(() => Float)
  @Property({ type: 'double', runtimeType: 'number' })
  estimatedDays!: number;
}
