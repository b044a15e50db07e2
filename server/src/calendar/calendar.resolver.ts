import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { readableBasin } from '../basin/basin.access.js';
import { ensureCalendarFeed, feedUrl, resetCalendarFeed, type FeedLink } from './calendar.service.js';

@ObjectType({ description: "The viewer's calendar feed of coming sessions (.ics), for any calendar application" })
class CalendarFeedLink {
  @Field(() => String, {
    nullable: true,
    description:
      'The full address, given only when the link is made (first call, or reset): the server keeps a hash of it, ' +
      'never the address itself. Null afterwards: reset the link to see a new one.',
  })
  url!: string | null;

  @Field(() => Date, { description: 'When the current link was made' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a calendar last fetched it' })
  lastUsedAt!: Date | null;
}

const toLink = (ctx: Context, { feed, token }: FeedLink): CalendarFeedLink => ({
  url: token ? feedUrl(ctx.app.config.publicUrl, token) : null,
  createdAt: feed.createdAt,
  lastUsedAt: feed.lastUsedAt ?? null,
});

@Resolver()
export class CalendarResolver {
  @Authorized()
  @Query(() => CalendarFeedLink, {
    description: 'Your calendar feed of the coming sessions of your basins; made on first call, with its address',
  })
  async calendarFeedUrl(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context) {
    await readableBasin(ctx, basinId);
    return toLink(ctx, await ensureCalendarFeed(ctx.em, requireViewer(ctx)));
  }

  @Authorized()
  @Mutation(() => CalendarFeedLink, { description: 'A new address for your calendar feed; the previous one stops' })
  async resetCalendarFeed(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context) {
    await readableBasin(ctx, basinId);
    return toLink(ctx, await resetCalendarFeed(ctx.em, requireViewer(ctx)));
  }
}
