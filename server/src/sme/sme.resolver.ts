import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Sme } from './sme.entity.js';
import { Person } from '../person/person.entity.js';

@Resolver(() => Sme)
export class SmeResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'The SME leader, when they have an account' })
  leader(@Root() sme: Sme) {
    return sme.leader?.load() ?? null;
  }

  @FieldResolver(() => ID)
  basinId(@Root() sme: Sme): string {
    return sme.basin.id;
  }
}
