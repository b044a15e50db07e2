import { Field, InputType } from 'type-graphql';
import { IsEmail, Length, MaxLength } from 'class-validator';

@InputType({ description: 'An outside professional invited to write a complementary diagnosis' })
export class InviteExpertInput {
  @Field(() => String)
  @IsEmail({}, { message: 'invalid' })
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @Length(1, 100)
  firstName!: string;

  @Field(() => String)
  @Length(1, 100)
  lastName!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "expert-comptable", "consultant qualité"' })
  @MaxLength(200)
  title?: string | null;
}
