import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { readableBasin } from '../basin/basin.access.js';
import { Basin } from '../basin/basin.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { AppError, ErrorCode, notFound } from '../errors.js';
import { basinDashboard } from './dashboard.service.js';

@ObjectType({ description: 'One year of the convention against its targets' })
class YearFigures {
  @Field(() => Int) index!: number;
  @Field(() => String) startsOn!: string;
  @Field(() => String) endsOn!: string;
  @Field(() => Int) examined!: number;
  @Field(() => Int) approved!: number;
  @Field(() => Int) jobsPlanned!: number;
  @Field(() => Int) targetExamined!: number;
  @Field(() => Int) targetApproved!: number;
  @Field(() => Int) targetJobs!: number;
}

@ObjectType({
  description: "A company's competence days: pledged, delivered, and their value at the basin's daily rate",
})
class CompanyCompetence {
  @Field(() => Organisation) organisation!: Organisation;
  @Field(() => Float) pledgedDays!: number;
  @Field(() => Float) deliveredDays!: number;
  @Field(() => Int) deliveredValue!: number;
}

@ObjectType()
class AdvanceFigures {
  @Field(() => Int) advancesCount!: number;
  @Field(() => Int) granted!: number;
  @Field(() => Int) disbursedCount!: number;
  @Field(() => Int) lent!: number;
  @Field(() => Int) repaid!: number;
  @Field(() => Int) repaidCount!: number;
  @Field(() => Int) outstanding!: number;
  @Field(() => Int) losses!: number;
  @Field(() => Int) defaultedCount!: number;
  @Field(() => Float) lossRate!: number;
  @Field(() => Float) referenceLossRate!: number;
  @Field(() => Int) endowment!: number;
  @Field(() => Int) available!: number;
  @Field(() => Int) criticalSize!: number;
}

@ObjectType({
  description: 'Resources of one source: cash, in kind and valued staff time, against the convention profile',
})
class ResourceShare {
  @Field(() => String, { description: 'COMPANIES, TERRITORIAL_ACTORS, COLLECTIVITIES or STATE_AND_CDC' })
  source!: string;
  @Field(() => Int) cash!: number;
  @Field(() => Int, { description: 'Valued in-kind contributions of the ledger' }) inKind!: number;
  @Field(() => Int) staffTime!: number;
  @Field(() => Int) total!: number;
  @Field(() => Float) share!: number;
  @Field(() => Float) targetShare!: number;
}

@ObjectType({ description: "The running costs account: its balance and this year's expenses against the cap" })
class RunningCostsFigures {
  @Field(() => Int) balance!: number;
  @Field(() => Int) year!: number;
  @Field(() => Int) cap!: number;
  @Field(() => Int) spentThisYear!: number;
  @Field(() => Int) leftThisYear!: number;
}

@ObjectType({ description: 'The basin against its triennial convention' })
class BasinDashboard {
  @Field(() => Basin) basin!: Basin;
  @Field(() => TriennialConvention, { nullable: true }) convention!: TriennialConvention | null;
  @Field(() => [YearFigures]) years!: YearFigures[];
  @Field(() => Int) smesSupported!: number;
  @Field(() => Int) jobsPlanned!: number;
  @Field(() => Int, { description: 'Hires made so far' }) jobsCreated!: number;
  @Field(() => Int) jobsPreserved!: number;
  @Field(() => Int) jobsTarget!: number;
  @Field(() => Float) jobsPerSme!: number;
  @Field(() => [CompanyCompetence]) competences!: CompanyCompetence[];
  @Field(() => Float) daysPledged!: number;
  @Field(() => Float) daysDelivered!: number;
  @Field(() => Int, { description: "Delivered days at the basin's daily rate, in euros" }) daysDeliveredValue!: number;
  @Field(() => AdvanceFigures) advances!: AdvanceFigures;
  @Field(() => [ResourceShare]) resources!: ResourceShare[];
  @Field(() => RunningCostsFigures) runningCosts!: RunningCostsFigures;
}

@ObjectType({ description: "One basin's headline figures in the network view" })
class NetworkBasin {
  @Field(() => Basin) basin!: Basin;
  @Field(() => Int) smesSupported!: number;
  @Field(() => Int) jobsPlanned!: number;
  @Field(() => Int) jobsCreated!: number;
  @Field(() => Int) jobsPreserved!: number;
  @Field(() => Float) daysDelivered!: number;
  @Field(() => Int) advancesLent!: number;
}

@ObjectType({ description: 'Totals over every basin, for the programme national head' })
class NetworkDashboard {
  @Field(() => [NetworkBasin]) basins!: NetworkBasin[];
  @Field(() => Int) smesSupported!: number;
  @Field(() => Int) jobsPlanned!: number;
  @Field(() => Int) jobsCreated!: number;
  @Field(() => Int) jobsPreserved!: number;
  @Field(() => Float) daysDelivered!: number;
  @Field(() => Int) advancesLent!: number;
}

@Resolver()
export class DashboardResolver {
  @Authorized()
  @Query(() => BasinDashboard, { description: "The basin's results against its convention (read-only for observers)" })
  async basinDashboard(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('conventionId', () => ID, {
      nullable: true,
      description: 'The convention whose period the figures cover; the one in force when none is given',
    })
    conventionId: string | null,
    @Ctx() ctx: Context,
  ) {
    await readableBasin(ctx, basinId);
    if (conventionId && !(await ctx.em.findOne(TriennialConvention, { id: conventionId, basin: basinId })))
      throw notFound('Convention');
    return basinDashboard(ctx.em, basinId, conventionId);
  }

  @Authorized()
  @Query(() => NetworkDashboard, { description: 'National head: every basin and the totals' })
  async networkDashboard(@Ctx() ctx: Context): Promise<NetworkDashboard> {
    if (!requireViewer(ctx).person.isNetworkHead)
      throw new AppError(ErrorCode.FORBIDDEN, 'The network view is for the programme national head');
    const basins = await ctx.em.find(Basin, {}, { orderBy: { name: 'asc' } });
    const rows: NetworkBasin[] = [];
    for (const basin of basins) {
      const d = await basinDashboard(ctx.em, basin.id);
      rows.push({
        basin,
        smesSupported: d.smesSupported,
        jobsPlanned: d.jobsPlanned,
        jobsCreated: d.jobsCreated,
        jobsPreserved: d.jobsPreserved,
        daysDelivered: d.daysDelivered,
        advancesLent: d.advances.lent,
      });
    }
    const sum = (key: keyof Omit<NetworkBasin, 'basin'>) => rows.reduce((total, r) => total + r[key], 0);
    return {
      basins: rows,
      smesSupported: sum('smesSupported'),
      jobsPlanned: sum('jobsPlanned'),
      jobsCreated: sum('jobsCreated'),
      jobsPreserved: sum('jobsPreserved'),
      daysDelivered: sum('daysDelivered'),
      advancesLent: sum('advancesLent'),
    };
  }
}
