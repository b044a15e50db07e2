import type { Asker } from '../basin/basin.access.js';
import { notFound } from '../errors.js';
import { readsPaper } from '../project/project.access.js';
import { Attachment, DiagnosisPaperVersion } from './diagnosis-paper.entity.js';

/**
 * A diagnosis paper is the committee's: its basin's committee roles read it (not the SME leader, whose project it
 * judges), and so does the expert invited on its project. To anyone else a version or an attachment is NOT_FOUND; writing it then needs the operator or the
 * project's prescriber.
 */
export async function readableVersion(ctx: Asker, versionId: string): Promise<DiagnosisPaperVersion> {
  const version = await ctx.em.findOne(DiagnosisPaperVersion, versionId, { populate: ['paper.project'] });
  if (!version || !readsPaper(ctx, version.paper.getEntity().project.getEntity())) {
    throw notFound('Diagnosis version');
  }
  return version;
}

/** An attachment of a paper the viewer may read, or NOT_FOUND. */
export async function readableAttachment(ctx: Asker, id: string): Promise<Attachment> {
  const attachment = await ctx.em.findOne(Attachment, id, { populate: ['version.paper.project'] });
  if (!attachment || !readsPaper(ctx, attachment.version.getEntity().paper.getEntity().project.getEntity())) {
    throw notFound('Attachment');
  }
  return attachment;
}
