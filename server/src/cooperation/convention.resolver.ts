import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Project } from '../project/project.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';
import { readableProject, readsProjectRecords } from '../project/project.access.js';
import { ReadableWhen } from '../auth/readable-when.js';
import { readableSignature } from './convention.access.js';
import { Decision } from '../decision/decision.entity.js';
import { Advance } from '../advance/advance.entity.js';
import { ConventionSignature, CooperationConvention } from './convention.entity.js';
import { recordSignature } from './convention.service.js';
import { conventionMeans, fullySigned } from './convention-means.js';

@ObjectType({ description: 'Competence days a partner company lends, by competence, valued at the daily rate' })
class ConventionMeans {
  @Field(() => Organisation) organisation!: Organisation;
  @Field(() => CompetenceDomain) domain!: CompetenceDomain;
  @Field(() => String) profile!: string;
  @Field(() => Float) days!: number;
  @Field(() => Int, { description: 'In euros' }) valuation!: number;
}

/** The path of a project's convention as a PDF (same session cookie or bearer token as the API). */
export const conventionPdfPath = (projectId: string): string => `/files/conventions/${projectId}.pdf`;

@Resolver(() => CooperationConvention)
export class CooperationConventionResolver {
  @Authorized()
  @Query(() => CooperationConvention, {
    nullable: true,
    description: "An approved project's convention (the basin's committee roles, and the project's SME leader)",
  })
  async cooperationConvention(@Arg('projectId', () => ID) projectId: string, @Ctx() ctx: Context) {
    const project = await readableProject(ctx, projectId);
    return ctx.em.findOne(CooperationConvention, { project });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ConventionSignature, { description: 'Operator: record that a party signed, on the day given' })
  async recordSignature(
    @Arg('signatureId', () => ID) signatureId: string,
    @Arg('signedOn', () => String, { description: 'ISO date (YYYY-MM-DD), not in the future' }) signedOn: string,
    @Ctx() ctx: Context,
  ) {
    await readableSignature(ctx, signatureId);
    return recordSignature(ctx.em, requireViewer(ctx), signatureId, signedOn);
  }

  @FieldResolver(() => Project)
  project(@Root() convention: CooperationConvention) {
    return convention.project.load();
  }

  @FieldResolver(() => Decision)
  decision(@Root() convention: CooperationConvention) {
    return convention.decision.load();
  }

  @FieldResolver(() => [ConventionSignature])
  async signatures(@Root() convention: CooperationConvention) {
    return (await convention.signatures.load()).getItems();
  }

  @FieldResolver(() => Boolean, { description: 'Every party has signed' })
  async fullySigned(@Root() convention: CooperationConvention) {
    return fullySigned((await convention.signatures.load()).getItems());
  }

  @FieldResolver(() => [ConventionMeans])
  means(@Root() convention: CooperationConvention, @Ctx() ctx: Context) {
    return conventionMeans(ctx.em, convention.project.id);
  }

  @FieldResolver(() => Float, { description: "The basin's valuation of one competence day, in euros" })
  async dailyRate(@Root() convention: CooperationConvention) {
    return (await convention.basin.load())?.dailyRate ?? 0;
  }

  @FieldResolver(() => Advance, { nullable: true })
  advance(@Root() convention: CooperationConvention, @Ctx() ctx: Context) {
    return ctx.em.findOne(Advance, { project: convention.project.id }, { orderBy: { createdAt: 'desc' } });
  }

  @FieldResolver(() => String, { description: 'Where to download the PDF (relative to the server)' })
  pdfUrl(@Root() convention: CooperationConvention): string {
    return conventionPdfPath(convention.project.id);
  }
}

@Resolver(() => ConventionSignature)
export class ConventionSignatureResolver {
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() signature: ConventionSignature) {
    return signature.person?.load() ?? null;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() signature: ConventionSignature) {
    return signature.organisation?.load() ?? null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The operator who recorded the signature' })
  recordedBy(@Root() signature: ConventionSignature) {
    return signature.recordedBy?.load() ?? null;
  }
}

@Resolver(() => Project)
export class ProjectConventionResolver {
  @FieldResolver(() => CooperationConvention, { nullable: true, description: 'Generated when the project is approved' })
  @ReadableWhen(readsProjectRecords)
  cooperationConvention(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.em.findOne(CooperationConvention, { project: project.id });
  }
}
