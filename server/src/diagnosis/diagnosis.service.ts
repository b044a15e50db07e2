import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, forbidden, notFound } from '../errors.js';
import { hasRole } from '../auth/auth-checker.js';
import { Role } from '../person/membership.entity.js';
import { Project } from '../project/project.entity.js';
import { isProjectExpert } from '../project/project.access.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { ACCEPTED_ATTACHMENT_TYPES, isAcceptedAttachmentType } from './attachment-types.js';
import { Attachment, DiagnosisPaper, DiagnosisPaperVersion, DiagnosisSection } from './diagnosis-paper.entity.js';

export interface SectionInput {
  heading: string;
  body: string;
}

export interface VersionInput {
  title: string;
  changeNote?: string | null;
  complementary?: boolean | null;
  sections: SectionInput[];
}

/** The operator, the project's prescriber and the expert invited on the project write its diagnosis. */
export function requirePaperEditor(viewer: Viewer, project: Project): void {
  if (hasRole(viewer, project.basin.id, Role.OPERATOR)) return;
  if (project.prescriber.id === viewer.person.id) return;
  if (isProjectExpert(viewer, project)) return;
  throw forbidden('Only the operator, the prescriber or the expert can edit this diagnosis');
}

/**
 * Saves a new version of a project's diagnosis paper. Versions never change once written, so that a session can
 * freeze the one it shows; the new version keeps the previous one's attachments.
 */
export async function saveDiagnosisVersion(
  em: EntityManager,
  viewer: Viewer,
  project: Project,
  input: VersionInput,
): Promise<DiagnosisPaperVersion> {
  requirePaperEditor(viewer, project);
  if (!input.title.trim()) throw badInput('The title is required', { title: 'required' });
  if (input.sections.length === 0) throw badInput('A diagnosis needs at least one section', { sections: 'required' });
  input.sections.forEach((section, index) => {
    if (!section.heading.trim())
      throw badInput(`Section ${index + 1} has no heading`, { [`sections.${index}.heading`]: 'required' });
  });
  return em.transactional(async (tem) => {
    let paper = await tem.findOne(DiagnosisPaper, { project });
    if (!paper) paper = tem.create(DiagnosisPaper, { project });
    const previous = paper.latestVersion
      ? await tem.findOne(DiagnosisPaperVersion, { paper, number: paper.latestVersion }, { populate: ['attachments'] })
      : null;
    // Two concurrent saves would pick the same number: the unique (paper, number) key refuses the second.
    paper.latestVersion += 1;
    const version = tem.create(DiagnosisPaperVersion, {
      paper,
      number: paper.latestVersion,
      title: input.title.trim(),
      changeNote: input.changeNote?.trim() ?? '',
      // What an expert writes is the complementary diagnosis, whatever the form said.
      complementary: (input.complementary ?? false) || isProjectExpert(viewer, project),
      author: viewer.person,
    });
    input.sections.forEach((section, position) =>
      tem.create(DiagnosisSection, { version, position, heading: section.heading.trim(), body: section.body }),
    );
    for (const attachment of previous?.attachments.getItems() ?? []) {
      const { fileName, mimeType, size, sha256, storageKey } = attachment;
      tem.create(Attachment, { version, fileName, mimeType, size, sha256, storageKey });
    }
    return version;
  });
}

/** Attachments of one version, which a paper lists whole (and each new version carries forward). */
export const MAX_ATTACHMENTS = 50;

const SAFE_NAME = /[^\p{L}\p{N} ._()-]/gu;

/** Adds a file to a version that no session has frozen yet. Refused whole when too large. */
export async function addAttachment(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  versionId: string,
  file: { fileName: string; mimeType: string; contentBase64: string },
): Promise<Attachment> {
  const version = await em.findOne(DiagnosisPaperVersion, versionId, { populate: ['paper.project'] });
  if (!version) throw notFound('Diagnosis version');
  const project = version.paper.getEntity().project.getEntity();
  requirePaperEditor(viewer, project);
  const maxBytes = app.config.maxAttachmentBytes;
  // Check the announced size before decoding, then the real one.
  if (Math.floor((file.contentBase64.length * 3) / 4) > maxBytes + 3) throw tooLarge(maxBytes);
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length > maxBytes) throw tooLarge(maxBytes);
  if (content.length === 0) throw badInput('The file is empty', { file: 'empty' });
  const fileName = file.fileName.replace(SAFE_NAME, '_').slice(0, 200).trim();
  if (!fileName) throw badInput('The file needs a name', { fileName: 'required' });
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(file.mimeType)) throw badInput('Unknown file type', { mimeType: 'invalid' });
  if (!isAcceptedAttachmentType(file.mimeType)) {
    throw new AppError(ErrorCode.FILE_TYPE_NOT_ACCEPTED, `Files of type ${file.mimeType} are not accepted`, {
      acceptedTypes: Object.keys(ACCEPTED_ATTACHMENT_TYPES),
    });
  }
  return em.transactional(async (tem) => {
    if (await tem.count(AgendaItem, { paperVersion: version.id })) {
      throw new AppError(ErrorCode.INVALID_STATE, 'This version is frozen by a session: save a new version first');
    }
    if ((await tem.count(Attachment, { version: version.id })) >= MAX_ATTACHMENTS) {
      throw badInput(`A version holds at most ${MAX_ATTACHMENTS} attachments`, { file: 'tooMany' });
    }
    const stored = await app.files.put(tem, content);
    return tem.create(Attachment, {
      version: version.id,
      fileName,
      mimeType: file.mimeType.toLowerCase(),
      size: content.length,
      sha256: stored.sha256,
      storageKey: stored.key,
    });
  });
}

const tooLarge = (maxBytes: number) =>
  new AppError(ErrorCode.FILE_TOO_LARGE, `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`, {
    maxBytes,
  });
