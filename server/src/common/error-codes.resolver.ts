import { Query, Resolver, registerEnumType } from 'type-graphql';
import { ErrorCode } from '../errors.js';

/** The error codes in the contract (`schema/schema.graphql`), so that clients check their translations against it. */
const ErrorCodeEnum = Object.fromEntries(Object.values(ErrorCode).map((code) => [code, code]));
registerEnumType(ErrorCodeEnum, {
  name: 'ErrorCode',
  description: 'Every code the API may put in `extensions.code` (server/src/errors.ts says what each means)',
});

@Resolver()
export class ErrorCodesResolver {
  @Query(() => [ErrorCodeEnum], { description: 'Every error code the API may answer with, for clients to translate' })
  errorCodes(): string[] {
    return Object.values(ErrorCode);
  }
}
