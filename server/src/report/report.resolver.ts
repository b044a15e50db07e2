import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { reportBasin } from './report.access.js';
import { reportYears } from './annual-report.service.js';

@Resolver()
export class AnnualReportResolver {
  @Authorized()
  @Query(() => [Int], {
    description:
      'The calendar years an annual activity report can be downloaded for, newest first (GET /files/reports/:basinId/:year.pdf or .xlsx). FORBIDDEN to those who may not read it.',
  })
  async annualReportYears(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context): Promise<number[]> {
    return reportYears(ctx.em, await reportBasin(ctx, basinId));
  }
}
