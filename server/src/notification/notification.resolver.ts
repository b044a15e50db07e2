import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { requireBasinRole } from '../basin/basin.access.js';
import { Role } from '../person/membership.entity.js';
import { sendReminders } from './reminders.js';

@Resolver()
export class NotificationResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => Int, {
    description:
      "Operator: send today's reminders now (reports and instalments due within 15 days or late); " +
      'returns how many messages went out — each subject once a day, so a second run the same day sends none',
  })
  async sendReminders(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context): Promise<number> {
    await requireBasinRole(ctx, basinId, Role.OPERATOR);
    return sendReminders(ctx.app, basinId);
  }
}
