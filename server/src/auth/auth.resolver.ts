import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { IsEmail, Length, MaxLength } from 'class-validator';
import { type Context, resolveViewer } from '../context.js';
import { setAuditActor } from '../audit/audit-actor.js';
import { Civility, Person } from '../person/person.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { acceptInvitation, invitePerson, signIn, signOut, type SignedIn } from './auth.service.js';
import { requireViewer } from './auth-checker.js';
import { requireBasinRole } from '../basin/basin.access.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';

@ObjectType({ description: 'The signed-in person and their roles' })
class Viewer {
  @Field(() => Person)
  person!: Person;

  @Field(() => [Membership])
  memberships!: Membership[];
}

@ObjectType()
class SignInPayload {
  @Field(() => Person)
  person!: Person;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Bearer token for API clients and websocket connection_init; only when asked with bearer: true',
  })
  token?: string | null;
}

@InputType()
class InvitePersonInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => String)
  @IsEmail({}, { message: 'invalid' })
  email!: string;

  @Field(() => String)
  @Length(1, 100)
  firstName!: string;

  @Field(() => String)
  @Length(1, 100)
  lastName!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  title?: string | null;

  @Field(() => Civility, { nullable: true, description: 'Madame or Monsieur; left out, the documents stay neutral' })
  civility?: Civility | null;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  organisationId?: string | null;
}

@ObjectType()
export class InvitationPayload {
  @Field(() => Person)
  person!: Person;

  @Field(() => String, { description: 'One-time link for the person to set a password (valid 7 days)' })
  link!: string;
}

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who is signed in, or null' })
  async me(@Ctx() ctx: Context): Promise<Viewer | null> {
    if (!ctx.viewer) return null;
    const memberships = await ctx.em.find(
      Membership,
      { person: ctx.viewer.person.id },
      { orderBy: { createdAt: 'asc' } },
    );
    return { person: ctx.viewer.person, memberships };
  }

  @Mutation(() => SignInPayload)
  async signIn(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Arg('bearer', () => Boolean, { defaultValue: false }) bearer: boolean,
    @Ctx() ctx: Context,
  ): Promise<SignInPayload> {
    return this.signedIn(ctx, await signIn(ctx.app, ctx.em, email, password, ctx.ip), bearer);
  }

  @Authorized()
  @Mutation(() => Boolean)
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    await signOut(ctx.app, ctx.em, requireViewer(ctx));
    ctx.http?.clearSessionCookie();
    return true;
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => InvitationPayload, { description: 'Operator: invite a person into a role of the basin' })
  async invitePerson(@Arg('input', () => InvitePersonInput) input: InvitePersonInput, @Ctx() ctx: Context) {
    await requireBasinRole(ctx, input.basinId, Role.OPERATOR);
    return invitePerson(ctx.app, ctx.em, requireViewer(ctx), input);
  }

  @Mutation(() => SignInPayload, { description: 'Sets the password of an invited person, then signs them in' })
  async acceptInvitation(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
    @Arg('bearer', () => Boolean, { defaultValue: false }) bearer: boolean,
    @Ctx() ctx: Context,
  ): Promise<SignInPayload> {
    return this.signedIn(ctx, await acceptInvitation(ctx.app, ctx.em, token, password), bearer);
  }

  private async signedIn(ctx: Context, session: SignedIn, bearer: boolean): Promise<SignInPayload> {
    ctx.http?.setSessionCookie(session.token, session.expiresAt);
    // The rest of this operation is read as the person now signed in (their own email, for one).
    ctx.viewer = await resolveViewer(ctx.em, session.token);
    setAuditActor(ctx.em, ctx.viewer?.person.id ?? null);
    // Over a websocket there is no cookie to set, so the token is the only way to use the session.
    const giveToken = bearer || ctx.transport === 'ws';
    return { person: session.person, expiresAt: session.expiresAt, token: giveToken ? session.token : null };
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Basin)
  basin(@Root() membership: Membership) {
    return membership.basin.load();
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() membership: Membership) {
    return membership.organisation?.load() ?? null;
  }

  @FieldResolver(() => Person)
  person(@Root() membership: Membership) {
    return membership.person.load();
  }
}
