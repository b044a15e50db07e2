import { FieldResolver, Resolver, Root } from 'type-graphql';
import { ReadableWhen } from '../auth/readable-when.js';
import { Person } from './person.entity.js';
import { readsContactOf } from './person.access.js';

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => String)
  displayName(@Root() person: Person): string {
    return `${person.firstName} ${person.lastName}`;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Their email: for the person, the national head and those who read the people of a basin the person ' +
      'belongs to; null for anyone else',
  })
  @ReadableWhen(readsContactOf)
  email(@Root() person: Person): string {
    return person.email;
  }
}
