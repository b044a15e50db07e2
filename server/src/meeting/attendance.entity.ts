import { Entity, Enum, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Person } from '../person/person.entity.js';
import { Meeting } from './meeting.entity.js';

export enum AttendanceMode {
  PRESENT = 'PRESENT',
  REMOTE = 'REMOTE',
  EXCUSED = 'EXCUSED',
  /** Absent, represented by a proxy holder of another organisation. */
  REPRESENTED = 'REPRESENTED',
}
registerEnumType(AttendanceMode, { name: 'AttendanceMode' });

/** Declared attendance of a member at a meeting (presence from live connections is computed, not stored). */
@ObjectType()
@Entity()
@Unique({ properties: ['meeting', 'person'] })
export class Attendance extends BaseEntity {
  @ManyToOne(() => Meeting, { ref: true })
  meeting!: Ref<Meeting>;

  @ManyToOne(() => Person, { ref: true })
  person!: Ref<Person>;

  @Field(() => AttendanceMode)
  @Enum({ items: () => AttendanceMode, type: 'string' })
  mode!: AttendanceMode;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  proxyHolder?: Ref<Person> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  declaredAt?: Date | null;
}
