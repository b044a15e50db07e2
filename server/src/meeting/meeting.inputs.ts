import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { AgendaItemKind } from './agenda-item.entity.js';

@InputType()
export class CreateMeetingInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => String)
  @Length(3, 200)
  title!: string;

  @Field(() => Date)
  scheduledAt!: Date;

  @Field(() => String, { defaultValue: '' })
  @MaxLength(300)
  location!: string;

  @Field(() => ID, { nullable: true, description: 'A chair of the basin who represents a partner company' })
  chairId?: string | null;
}

@InputType()
export class UpdateMeetingInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(3, 200)
  title?: string | null;

  @Field(() => Date, { nullable: true })
  scheduledAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  location?: string | null;

  @Field(() => ID, { nullable: true })
  chairId?: string | null;
}

@InputType()
export class AgendaItemInput {
  @Field(() => AgendaItemKind)
  kind!: AgendaItemKind;

  @Field(() => String, { nullable: true, description: "Defaults to the project's title for a project item" })
  @IsOptional()
  @Length(1, 300)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required for project examinations and follow-up reviews' })
  projectId?: string | null;

  @Field(() => Int, { defaultValue: 20 })
  @Min(1)
  @Max(480)
  allottedMinutes!: number;

  @Field(() => Int, { nullable: true, description: 'Where to insert (0 = first); at the end by default' })
  @IsOptional()
  @Min(0)
  position?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A minutes approval: the closed session of the basin whose draft minutes it approves',
  })
  minutesOfMeetingId?: string | null;
}

@InputType()
export class UpdateAgendaItemInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(480)
  allottedMinutes?: number | null;
}
