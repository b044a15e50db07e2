import {
  Collection,
  Entity,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Ref,
  Unique,
  type Opt,
} from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';
import { Person } from '../person/person.entity.js';

/** The preliminary diagnosis (diagnostic préalable) of a project: a versioned document. */
@ObjectType()
@Entity()
@Unique({ properties: ['project'] })
export class DiagnosisPaper extends BaseEntity {
  @ManyToOne(() => Project, { ref: true })
  project!: Ref<Project>;

  @Field(() => Int, { description: 'Number of the latest version' })
  @Property({ type: 'integer' })
  latestVersion: Opt<number> = 0;

  @OneToMany(() => DiagnosisPaperVersion, (v) => v.paper, { orderBy: { number: 'desc' } })
  versions = new Collection<DiagnosisPaperVersion>(this);
}

/** One immutable version: a session freezes the version it shows. */
@ObjectType()
@Entity()
@Unique({ properties: ['paper', 'number'] })
export class DiagnosisPaperVersion extends BaseEntity {
  @ManyToOne(() => DiagnosisPaper, { ref: true })
  paper!: Ref<DiagnosisPaper>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => String, { description: 'Why this version was made' })
  @Property({ type: 'string' })
  changeNote: Opt<string> = '';

  /** A complementary diagnosis is written by a professional at the committee's request. */
  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  complementary: Opt<boolean> = false;

  @ManyToOne(() => Person, { ref: true })
  author!: Ref<Person>;

  @OneToMany(() => DiagnosisSection, (s) => s.version, { orderBy: { position: 'asc' } })
  sections = new Collection<DiagnosisSection>(this);

  @OneToMany(() => Attachment, (a) => a.version, { orderBy: { createdAt: 'asc' } })
  attachments = new Collection<Attachment>(this);
}

@ObjectType()
@Entity()
export class DiagnosisSection extends BaseEntity {
  @ManyToOne(() => DiagnosisPaperVersion, { ref: true })
  version!: Ref<DiagnosisPaperVersion>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  heading!: string;

  @Field(() => String, { description: 'Plain text; paragraphs separated by blank lines' })
  @Property({ type: 'text' })
  body!: string;
}

/** A file attached to a paper version; its bytes live on disk or in the database (see config). */
@ObjectType()
@Entity()
export class Attachment extends BaseEntity {
  @ManyToOne(() => DiagnosisPaperVersion, { ref: true })
  version!: Ref<DiagnosisPaperVersion>;

  @Field(() => String)
  @Property({ type: 'string' })
  fileName!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  mimeType!: string;

  @Field(() => Int, { description: 'Size in bytes' })
  @Property({ type: 'integer' })
  size!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  sha256!: string;

  /** Content-addressed: a new version reuses its predecessor's files without copying bytes. */
  @Property({ type: 'string' })
  storageKey!: string;
}

/** File bytes when attachments are stored in the database (`ATTACHMENT_STORAGE=database`). */
@Entity()
export class StoredFile {
  @PrimaryKey({ type: 'string' })
  key!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
