import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Max, Min } from 'class-validator';

/** offset/limit paging for lists that grow (projects, meetings, people). */
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

export const toPage = <T>([items, totalCount]: [T[], number], args: PageArgs): PageShape<T> => ({
  items,
  totalCount,
  hasMore: args.offset + items.length < totalCount,
});
