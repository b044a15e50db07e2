import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { Page, PageArgs } from '../common/page.js';
import { AuditEntry } from './audit.entity.js';
import { auditedBasin } from './audit.access.js';
import { AuditBreak, recentEntries, verifyChain } from './audit.service.js';

registerEnumType(AuditBreak, { name: 'AuditBreak', description: 'Why an audit chain does not verify' });

@ObjectType()
class AuditEntryPage extends Page(AuditEntry) {}

@ObjectType({ description: "A basin's audit chain: its head, its length and whether it verifies" })
class AuditChainState {
  @Field(() => ID)
  basinId!: string;

  @Field(() => Int, { description: "The head's sequence number (the chain's length when it verifies)" })
  headSeq!: number;

  @Field(() => String)
  headHash!: string;

  @Field(() => Int, { description: 'Entries that verified, from the first' })
  verifiedLength!: number;

  @Field(() => Boolean)
  intact!: boolean;

  @Field(() => Int, { nullable: true, description: 'The first broken entry, by sequence number' })
  brokenSeq?: number | null;

  @Field(() => ID, { nullable: true })
  brokenEntryId?: string | null;

  @Field(() => AuditBreak, { nullable: true })
  brokenReason?: AuditBreak | null;
}

@Resolver()
export class AuditResolver {
  @Authorized()
  @Query(() => AuditChainState, {
    description: "Operator or national head: verifies the basin's audit chain from its first entry",
  })
  async auditChain(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context): Promise<AuditChainState> {
    const basin = await auditedBasin(ctx, basinId);
    const result = await verifyChain(ctx.em, basin.id);
    return {
      basinId: basin.id,
      headSeq: result.headSeq,
      headHash: result.headHash,
      verifiedLength: result.length,
      intact: result.ok,
      brokenSeq: result.broken?.seq ?? null,
      brokenEntryId: result.broken?.entryId ?? null,
      brokenReason: result.broken?.reason ?? null,
    };
  }

  @Authorized()
  @Query(() => AuditEntryPage, { description: "Operator or national head: the basin's audit entries, newest first" })
  async auditEntries(
    @Arg('basinId', () => ID) basinId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const basin = await auditedBasin(ctx, basinId);
    return recentEntries(ctx.em, basin.id, page);
  }
}
