import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { IsOptional, MaxLength, Min } from 'class-validator';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { committeeProject, readableProject, readsCommitteeFiles } from '../project/project.access.js';
import { readableBasin } from '../basin/basin.access.js';
import { ReadableWhen } from '../auth/readable-when.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { NESTED_LIST_CAP, Page, PageArgs, pageOf } from '../common/page.js';
import { FollowUpReport } from './follow-up-report.entity.js';
import { fileReport, followUpSlots, type FollowUpSlot as Slot } from './follow-up.service.js';

@ObjectType({ description: 'A report the mandatary owes, and where it stands' })
class FollowUpSlot {
  @Field(() => Int) monthsAfterDecision!: number;
  @Field(() => String) dueOn!: string;
  @Field(() => String, { description: 'SUBMITTED, UPCOMING, DUE_SOON (within 15 days) or OVERDUE' }) state!: string;
  @Field(() => FollowUpReport, { nullable: true }) report!: FollowUpReport | null;
}

@ObjectType({ description: "A followed project's reports and what it still owes" })
class FollowUp {
  @Field(() => Project) project!: Project;
  @Field(() => [FollowUpSlot]) slots!: Slot[];
  @Field(() => FollowUpSlot, { nullable: true, description: 'The first report not filed yet' }) next!: Slot | null;
  @Field(() => Boolean) overdue!: boolean;
}

@InputType()
class DeliveredDaysInput {
  @Field(() => ID) pledgeId!: string;
  @Field(() => Float) days!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Required when the days delivered so far go above the days pledged: why',
  })
  @MaxLength(2000)
  justification?: string | null;
}

@ObjectType({ description: 'Days a report says one pledge delivered since the previous report' })
class ReportedDelivery {
  @Field(() => ID) pledgeId!: string;
  @Field(() => Float) days!: number;
  @Field(() => String, { nullable: true, description: 'Why the pledge was exceeded, when it was' })
  justification!: string | null;
}

@InputType()
class FollowUpReportInput {
  @Field(() => Int, { description: 'Which report of the cadence (e.g. 3, 6, 12, 18)' })
  monthsAfterDecision!: number;

  @Field(() => Int, { description: 'Hires made since the previous report' })
  @Min(0)
  hiresMade!: number;

  @Field(() => Int, { description: 'Jobs preserved, now' })
  @Min(0)
  jobsPreserved!: number;

  @Field(() => Int, { nullable: true, description: 'Revenue over the last 12 months, in euros' })
  @IsOptional()
  @Min(0)
  revenue?: number | null;

  @Field(() => String, { defaultValue: '' })
  @MaxLength(20000)
  difficulties!: string;

  @Field(() => String, { nullable: true, description: 'Goes on the agenda of the next session being prepared' })
  @IsOptional()
  @MaxLength(5000)
  newInterventionRequest?: string | null;

  @Field(() => [DeliveredDaysInput], {
    defaultValue: [],
    description: 'Days delivered per pledge since the previous report',
  })
  deliveredDays!: DeliveredDaysInput[];

  @Field(() => Boolean, { defaultValue: false, description: 'The closing report ends the follow-up' })
  closing!: boolean;
}

@ObjectType()
class FollowUpPage extends Page(FollowUp) {}

const today = () => new Date().toISOString().slice(0, 10);

async function followUpOf(ctx: Context, project: Project): Promise<FollowUp> {
  const basin = await ctx.em.findOneOrFail(Basin, project.basin.id);
  const reports = await ctx.em.find(FollowUpReport, { project });
  const slots = followUpSlots(basin, project, reports, today());
  const next = slots.find((s) => s.state !== 'SUBMITTED') ?? null;
  return { project, slots, next, overdue: slots.some((s) => s.state === 'OVERDUE') };
}

const FOLLOWED = [ProjectStatus.APPROVED, ProjectStatus.FOLLOW_UP];

@Resolver(() => FollowUpReport)
export class FollowUpResolver {
  @Authorized()
  @Query(() => FollowUp, {
    description: "A project's follow-up: its reports on the basin's cadence (the committee's, not the SME leader's)",
  })
  async followUp(@Arg('projectId', () => ID) projectId: string, @Ctx() ctx: Context) {
    return followUpOf(ctx, await committeeProject(ctx, projectId));
  }

  @Authorized()
  @Query(() => FollowUpPage, { description: 'The projects the viewer follows as mandatary, most urgent first' })
  async myFollowUps(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    const projects = await ctx.em.find(Project, { mandatary: requireViewer(ctx).person.id, status: { $in: FOLLOWED } });
    const all = await Promise.all(projects.map((p) => followUpOf(ctx, p)));
    return pageOf(
      all.sort((x, y) => (x.next?.dueOn ?? '9999').localeCompare(y.next?.dueOn ?? '9999')),
      page,
    );
  }

  @Authorized()
  @Query(() => FollowUpPage, {
    description: 'Reports overdue or due within 15 days in the basin: the reminders to send, most urgent first',
  })
  async followUpReminders(
    @Arg('basinId', () => ID) basinId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const basin = await readableBasin(ctx, basinId);
    const projects = await ctx.em.find(Project, { basin, status: { $in: FOLLOWED } });
    const all = await Promise.all(projects.map((p) => followUpOf(ctx, p)));
    return pageOf(
      all
        .filter((f) => f.next && f.next.state !== 'UPCOMING')
        .sort((x, y) => x.next!.dueOn.localeCompare(y.next!.dueOn)),
      page,
    );
  }

  @Authorized()
  @Mutation(() => FollowUpReport, { description: 'Mandatary: file a follow-up report on a project you follow' })
  async fileFollowUpReport(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => FollowUpReportInput) input: FollowUpReportInput,
    @Ctx() ctx: Context,
  ) {
    await readableProject(ctx, projectId);
    return fileReport(ctx.em, requireViewer(ctx), projectId, input);
  }

  @FieldResolver(() => Person)
  author(@Root() report: FollowUpReport) {
    return report.author.load();
  }

  @FieldResolver(() => [ReportedDelivery], { description: 'Days delivered per pledge, reported here' })
  deliveries(@Root() report: FollowUpReport): ReportedDelivery[] {
    return Object.entries(report.deliveredDays).map(([pledgeId, days]) => ({
      pledgeId,
      days,
      justification: report.overrunJustifications[pledgeId] ?? null,
    }));
  }

  @FieldResolver(() => Float, { description: 'Days delivered, all companies, reported here' })
  daysDeliveredTotal(@Root() report: FollowUpReport): number {
    return Object.values(report.deliveredDays).reduce((sum, d) => sum + d, 0);
  }
}

@Resolver(() => Project)
export class ProjectPledgesResolver {
  @FieldResolver(() => [Pledge], {
    nullable: true,
    description:
      'The competence plan: active pledges, with days delivered (at most 200); null for the SME leader (its ' +
      'convention lists the means)',
  })
  @ReadableWhen(readsCommitteeFiles)
  pledges(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.em.find(
      Pledge,
      { project, withdrawn: false },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: NESTED_LIST_CAP },
    );
  }
}
