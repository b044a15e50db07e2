import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { Basin } from '../basin/basin.entity.js';
import { Membership, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { Project } from '../project/project.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { NESTED_LIST_CAP } from '../common/page.js';
import { Organisation } from './organisation.entity.js';
import { readableOrganisation } from './organisation.access.js';

@ObjectType({ description: "A line of a partner company's ledger: one pledge, what was delivered and its value" })
class LedgerLine {
  @Field(() => Pledge) pledge!: Pledge;
  @Field(() => Project) project!: Project;
  @Field(() => Int, { description: 'Days delivered at the basin daily rate, in euros' }) deliveredValue!: number;
}

@ObjectType({
  description: "A partner company's contribution: pledges, days delivered and their value, projects followed",
})
class PartnerLedger {
  @Field(() => Organisation) organisation!: Organisation;
  @Field(() => Float) dailyRate!: number;
  @Field(() => [LedgerLine], { description: 'Its pledges, newest first (at most 200; the totals count them all)' })
  lines!: LedgerLine[];
  @Field(() => Float) daysPledged!: number;
  @Field(() => Float) daysDelivered!: number;
  @Field(() => Int) deliveredValue!: number;
  @Field(() => [Project], {
    description: 'Projects its people follow as mandataries, latest decided first (at most 200)',
  })
  followedProjects!: Project[];
  @Field(() => [Meeting], { description: 'The coming sessions' }) comingMeetings!: Meeting[];
}

@Resolver()
export class PartnerLedgerResolver {
  @Authorized()
  @Query(() => PartnerLedger, { description: "A partner company's page (the basin's committee roles may read it)" })
  async partnerLedger(
    @Arg('organisationId', () => ID) organisationId: string,
    @Ctx() ctx: Context,
  ): Promise<PartnerLedger> {
    const organisation = await readableOrganisation(ctx, organisationId);
    const basin = await ctx.em.findOneOrFail(Basin, organisation.basin.id);
    const pledges = await ctx.em.find(
      Pledge,
      { organisation, withdrawn: false },
      { populate: ['project'], orderBy: { createdAt: 'desc' } },
    );
    const lines = pledges.slice(0, NESTED_LIST_CAP).map((pledge) => ({
      pledge,
      project: pledge.project.getEntity(),
      deliveredValue: Math.round(pledge.daysDelivered * basin.dailyRate),
    }));
    const people = await ctx.em.find(Membership, { organisation, role: { $in: [...COMMITTEE_ROLES] } });
    const followedProjects = await ctx.em.find(
      Project,
      { mandatary: { $in: people.map((m) => m.person.id) } },
      { orderBy: { decidedAt: 'desc', id: 'asc' }, limit: NESTED_LIST_CAP },
    );
    const comingMeetings = await ctx.em.find(
      Meeting,
      { basin, status: { $ne: MeetingStatus.CLOSED }, scheduledAt: { $gte: new Date(Date.now() - 86400_000) } },
      { orderBy: { scheduledAt: 'asc' }, limit: NESTED_LIST_CAP },
    );
    return {
      organisation,
      dailyRate: basin.dailyRate,
      lines,
      daysPledged: pledges.reduce((sum, p) => sum + p.days, 0),
      daysDelivered: pledges.reduce((sum, p) => sum + p.daysDelivered, 0),
      deliveredValue: pledges.reduce((sum, p) => sum + Math.round(p.daysDelivered * basin.dailyRate), 0),
      followedProjects,
      comingMeetings,
    };
  }
}
