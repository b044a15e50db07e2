import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ACCEPTED_ATTACHMENT_TYPES } from './attachment-types.js';
import { ArrayMaxSize, Length, MaxLength, ValidateNested } from 'class-validator';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { projectPage } from '../project/project.access.js';
import { readableVersion } from './diagnosis.access.js';
import { Person } from '../person/person.entity.js';
import { Attachment, DiagnosisPaper, DiagnosisPaperVersion, DiagnosisSection } from './diagnosis-paper.entity.js';
import { addAttachment, saveDiagnosisVersion } from './diagnosis.service.js';
import { notFound } from '../errors.js';

@InputType()
class DiagnosisSectionInput {
  @Field(() => String)
  @Length(1, 300)
  heading!: string;

  @Field(() => String)
  @MaxLength(50000)
  body!: string;
}

@InputType()
class DiagnosisVersionInput {
  @Field(() => String)
  @Length(1, 300)
  title!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  changeNote?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'A complementary diagnosis by a professional' })
  complementary?: boolean | null;

  @Field(() => [DiagnosisSectionInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  sections!: DiagnosisSectionInput[];
}

@InputType()
class AttachmentInput {
  @Field(() => String)
  @Length(1, 200)
  fileName!: string;

  @Field(() => String, { description: 'e.g. application/pdf' })
  mimeType!: string;

  @Field(() => String, { description: 'The file, base64-encoded; at most MAX_ATTACHMENT_BYTES once decoded' })
  contentBase64!: string;
}

@ObjectType({ description: 'What an attachment may be: the client shows it before the upload' })
class AttachmentRules {
  @Field(() => Int, { description: 'Largest file accepted, in bytes' })
  maxBytes!: number;

  @Field(() => [String], { description: 'Accepted media types, e.g. application/pdf' })
  acceptedTypes!: string[];

  @Field(() => [String], { description: 'The file name extensions of those types, e.g. .pdf' })
  acceptedExtensions!: string[];
}

/** Versions listed with a paper: each carries its sections, so fewer than other nested lists. */
const VERSIONS_SHOWN = 50;

@Resolver(() => DiagnosisPaper)
export class DiagnosisPaperResolver {
  @Authorized()
  @Query(() => AttachmentRules, { description: 'The size limit and accepted types of an attachment' })
  attachmentRules(@Ctx() ctx: Context): AttachmentRules {
    return {
      maxBytes: ctx.app.config.maxAttachmentBytes,
      acceptedTypes: Object.keys(ACCEPTED_ATTACHMENT_TYPES),
      acceptedExtensions: Object.values(ACCEPTED_ATTACHMENT_TYPES).flat(),
    };
  }

  @Authorized()
  @Mutation(() => DiagnosisPaperVersion, { description: 'Operator or prescriber: save a new version of the diagnosis' })
  async saveDiagnosisVersion(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => DiagnosisVersionInput) input: DiagnosisVersionInput,
    @Ctx() ctx: Context,
  ) {
    const project = await projectPage(ctx, projectId);
    return saveDiagnosisVersion(ctx.em, requireViewer(ctx), project, input);
  }

  @Authorized()
  @Mutation(() => Attachment, { description: 'Operator or prescriber: attach a file to a version not yet frozen' })
  async addAttachment(
    @Arg('versionId', () => ID) versionId: string,
    @Arg('file', () => AttachmentInput) file: AttachmentInput,
    @Ctx() ctx: Context,
  ) {
    await readableVersion(ctx, versionId);
    return addAttachment(ctx.app, ctx.em, requireViewer(ctx), versionId, file);
  }

  @FieldResolver(() => DiagnosisPaperVersion, { nullable: true })
  latest(@Root() paper: DiagnosisPaper, @Ctx() ctx: Context) {
    return ctx.em.findOne(DiagnosisPaperVersion, { paper, number: paper.latestVersion });
  }

  @FieldResolver(() => [DiagnosisPaperVersion], {
    description: `Newest first, the latest ${VERSIONS_SHOWN}; an older one through \`version(number:)\``,
  })
  versions(@Root() paper: DiagnosisPaper, @Ctx() ctx: Context) {
    return ctx.em.find(DiagnosisPaperVersion, { paper }, { orderBy: { number: 'desc' }, limit: VERSIONS_SHOWN });
  }

  @FieldResolver(() => DiagnosisPaperVersion, { nullable: true })
  async version(@Root() paper: DiagnosisPaper, @Arg('number', () => Int) number: number, @Ctx() ctx: Context) {
    return ctx.em.findOne(DiagnosisPaperVersion, { paper, number });
  }
}

@Resolver(() => DiagnosisPaperVersion)
export class DiagnosisVersionResolver {
  @FieldResolver(() => [DiagnosisSection])
  async sections(@Root() version: DiagnosisPaperVersion) {
    return (await version.sections.load()).getItems();
  }

  @FieldResolver(() => [Attachment])
  async attachments(@Root() version: DiagnosisPaperVersion) {
    return (await version.attachments.load()).getItems();
  }

  @FieldResolver(() => Person)
  author(@Root() version: DiagnosisPaperVersion) {
    return version.author.load();
  }

  @FieldResolver(() => ID)
  projectId(@Root() version: DiagnosisPaperVersion, @Ctx() ctx: Context) {
    return ctx.em
      .findOneOrFail(DiagnosisPaper, version.paper.id)
      .then((paper) => paper.project.id)
      .catch(() => {
        throw notFound('Diagnosis');
      });
  }
}

@Resolver(() => Attachment)
export class AttachmentResolver {
  @FieldResolver(() => String, {
    description: 'Where the browser opens the file (same session cookie or bearer token)',
  })
  url(@Root() attachment: Attachment): string {
    return `/files/attachments/${attachment.id}/${encodeURIComponent(attachment.fileName)}`;
  }
}
