import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { requireBasinRole } from '../basin/basin.access.js';
import { Role } from '../person/membership.entity.js';
import { AppError, ErrorCode } from '../errors.js';
import { IMPORT_COLUMNS, IMPORT_HEADERS, importBasin } from './import.service.js';

/** The import file's columns, as an enum so that clients type their help texts and template from the contract. */
const ImportColumn = Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, column]));
registerEnumType(ImportColumn, { name: 'ImportColumn', description: 'A column of an import file' });

@ObjectType({
  description: 'A column of an import file and its header in each language (a file may use any of the three)',
})
class ImportColumnHeader {
  @Field(() => ImportColumn) column!: string;
  @Field(() => String, { description: 'The header in French (the template in French)' }) fr!: string;
  @Field(() => String, { description: 'The header in English' }) en!: string;
}

@ObjectType({ description: 'A problem on one line of an import file' })
class ImportRowError {
  @Field(() => Int, { description: 'Line in the file; the header is line 1' }) line!: number;
  @Field(() => String) column!: string;
  @Field(() => String) message!: string;
}

@ObjectType()
class ImportReport {
  @Field(() => Int) rows!: number;
  @Field(() => [ImportRowError]) errors!: ImportRowError[];
  @Field(() => Boolean, { description: 'False for a preview, or when any row is wrong' }) imported!: boolean;
  @Field(() => Int) projects!: number;
  @Field(() => Int) advances!: number;
}

@Resolver()
export class ImportResolver {
  @Authorized()
  @Query(() => [ImportColumn], { description: 'The columns of an import file, in the order of the template' })
  importColumns(): string[] {
    return [...IMPORT_COLUMNS];
  }

  @Authorized()
  @Query(() => [ImportColumnHeader], {
    description: 'The columns of an import file with their headers in French and English, in the order of the template',
  })
  importColumnHeaders(): ImportColumnHeader[] {
    return IMPORT_COLUMNS.map((column) => ({ column, ...IMPORT_HEADERS[column] }));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ImportReport, {
    description: 'Operator: bring an existing basin in from a spreadsheet (one row per project); dryRun previews it',
  })
  async importBasinData(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('fileName', () => String) fileName: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Ctx() ctx: Context,
  ) {
    await requireBasinRole(ctx, basinId, Role.OPERATOR);
    const content = Buffer.from(contentBase64, 'base64');
    if (content.length > ctx.app.config.maxAttachmentBytes) {
      throw new AppError(ErrorCode.FILE_TOO_LARGE, 'The file is too large', {
        maxBytes: ctx.app.config.maxAttachmentBytes,
      });
    }
    return importBasin(ctx.em, basinId, fileName, content, dryRun);
  }
}
