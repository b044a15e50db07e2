import { Ctx, Field, Float, Int, ObjectType, Query, Resolver, Authorized } from 'type-graphql';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { AppError, ErrorCode } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { networkBreakdowns } from './network.service.js';

@ObjectType({ description: 'The supported projects of one size class, sector (NAF section) or year, across basins' })
class BreakdownRow {
  @Field(() => String, {
    description: 'MICRO, SMALL, MEDIUM, LARGE; a NAF section letter; a year; or UNKNOWN',
  })
  key!: string;
  @Field(() => Int) smesSupported!: number;
  @Field(() => Int) projectsSupported!: number;
  @Field(() => Int) jobsPlanned!: number;
  @Field(() => Int) jobsCreated!: number;
  @Field(() => Int) jobsPreserved!: number;
  @Field(() => Int, { description: 'Advances granted, in euros' }) advancesGranted!: number;
}

@ObjectType({ description: "A basin's jobs per supported SME against the network's" })
class BasinComparison {
  @Field(() => Basin) basin!: Basin;
  @Field(() => Int) smesSupported!: number;
  @Field(() => Int) jobsPlanned!: number;
  @Field(() => Float) jobsPerSme!: number;
  @Field(() => Float, { description: "The basin's jobs per SME over the network's (1 = the average)" })
  ratioToNetwork!: number;
}

@ObjectType({ description: 'The network by size class, sector and year, and each basin against its average' })
class NetworkBreakdowns {
  @Field(() => Int) smesSupported!: number;
  @Field(() => Int) jobsPlanned!: number;
  @Field(() => Float) jobsPerSme!: number;
  @Field(() => [BasinComparison]) basins!: BasinComparison[];
  @Field(() => [BreakdownRow]) bySizeClass!: BreakdownRow[];
  @Field(() => [BreakdownRow]) bySector!: BreakdownRow[];
  @Field(() => [BreakdownRow]) byYear!: BreakdownRow[];
}

@Resolver()
export class NetworkResolver {
  @Authorized()
  @Query(() => NetworkBreakdowns, { description: 'National head: the network by size class, sector and year' })
  networkBreakdowns(@Ctx() ctx: Context) {
    if (!requireViewer(ctx).person.isNetworkHead)
      throw new AppError(ErrorCode.FORBIDDEN, 'The network view is for the programme national head');
    return networkBreakdowns(ctx.em);
  }
}
