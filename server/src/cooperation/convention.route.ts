import type { Request, Response } from 'express';
import type { App } from '../app-services.js';
import { readableProject } from '../project/project.access.js';
import { Sme } from '../sme/sme.entity.js';
import { fileViewer, sendPdf } from '../minutes/minutes.route.js';
import { CooperationConvention } from './convention.entity.js';
import { conventionDocument } from './convention-document.js';
import { isUuid } from '../common/ids.js';

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * GET /files/conventions/:projectId.pdf — the frozen document once every party has signed, else the current one;
 * whoever may read the project (the basin's committee roles, and the
 * project's own SME leader); anyone else, or a project without a convention, is 404.
 */
export function conventionPdfRoute(app: App) {
  return async (req: Request, res: Response): Promise<void> => {
    const em = app.orm.em.fork();
    const viewer = await fileViewer(em, req, res);
    if (!viewer) return;
    let convention: CooperationConvention | null = null;
    try {
      const projectId = String(req.params.projectId);
      if (isUuid(projectId)) {
        const project = await readableProject({ em, viewer }, projectId);
        convention = await em.findOne(CooperationConvention, { project });
      }
    } catch {
      convention = null;
    }
    if (!convention) {
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    const { pdf, sha256 } = await conventionDocument(em, convention);
    // The frozen signed document names itself: its hash is its version.
    if (sha256) res.setHeader('ETag', `"sha256-${sha256}"`);
    const project = await convention.project.load();
    const sme = project ? await em.findOne(Sme, project.sme.id) : null;
    sendPdf(req, res, pdf, `convention-${slug(sme?.name ?? 'projet')}.pdf`);
  };
}
