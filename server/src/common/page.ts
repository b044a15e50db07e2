import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Max, Min } from 'class-validator';

/**
 * offset/limit paging for the root lists that grow: projects, meetings, members, organisations, advances, follow-ups.
 * At most 200 a page.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  offset!: number;

  @Field(() => Int, { defaultValue: 50 })
  @Min(1)
  @Max(200)
  limit!: number;
}

export interface PageShape<T> {
  items: T[];
  totalCount: number;
  hasMore: boolean;
}

/** A page of `itemType`, with the total so that a client can show "12 of 40". */
export function Page<T extends object>(itemType: ClassType<T>) {
  @ObjectType(`${itemType.name}PageBase`)
  abstract class PageClass implements PageShape<T> {
    @Field(() => [itemType])
    items!: T[];

    @Field(() => Int)
    totalCount!: number;

    @Field(() => Boolean)
    hasMore!: boolean;
  }
  return PageClass;
}

/**
 * The most items a nested list gives. Nested lists are shown whole by the screens and stay small in practice (an
 * organisation's people, a project's pledges, an advance's repayments, a partner's ledger); the cap is a ceiling
 * against the unexpected, far above real data, not a page. Lists bounded by construction (an agenda, a committee,
 * a schedule of at most 120 instalments, a convention's parties) have none.
 */
export const NESTED_LIST_CAP = 200;

/** Paginates a list computed in memory (follow-ups are derived from each project's cadence). */
export const pageOf = <T>(all: T[], args: PageArgs): PageShape<T> =>
  toPage([all.slice(args.offset, args.offset + args.limit), all.length], args);

export const toPage = <T>([items, totalCount]: [T[], number], args: PageArgs): PageShape<T> => ({
  items,
  totalCount,
  hasMore: args.offset + items.length < totalCount,
});
