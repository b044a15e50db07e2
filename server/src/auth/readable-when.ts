import { UseMiddleware, type NextFn, type ResolverData } from 'type-graphql';
import type { Context } from '../context.js';

/** May the viewer read this field of `parent`? Rules live in each feature's `<feature>.access.ts`. */
export type FieldRule<Parent> = (ctx: Context, parent: Parent) => boolean | Promise<boolean>;

/**
 * Declares who may read a field, whatever path reaches it: for anyone else the field resolves to null (so it must
 * be nullable) and its resolver does not run. A nested path thus never gives what the top-level query refuses,
 * and a screen that lists many records still renders when one of their fields is not for the viewer.
 */
export function ReadableWhen<Parent>(rule: FieldRule<Parent>) {
  return UseMiddleware(async ({ root, context }: ResolverData<Context>, next: NextFn) =>
    (await rule(context, root as Parent)) ? next() : null,
  );
}
