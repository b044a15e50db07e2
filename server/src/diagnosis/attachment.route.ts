import type { Request, Response } from 'express';
import type { App } from '../app-services.js';
import { resolveViewer } from '../context.js';
import { tokenFrom } from '../auth/tokens.js';
import type { Attachment } from './diagnosis-paper.entity.js';
import { readableAttachment } from './diagnosis.access.js';
import { isUuid } from '../common/ids.js';

/** Types a browser may show inline; anything else is downloaded, so an uploaded page can never run in our origin. */
const INLINE = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
]);

/** GET /files/attachments/:id/:name — same session (cookie or bearer) and same read rule as the project. */
export function attachmentRoute(app: App) {
  return async (req: Request, res: Response): Promise<void> => {
    const em = app.orm.em.fork();
    const viewer = await resolveViewer(em, tokenFrom(req.headers.authorization, req.headers.cookie));
    if (!viewer) {
      res.status(401).json({ code: 'UNAUTHENTICATED' });
      return;
    }
    let attachment: Attachment;
    try {
      // ids are UUIDs: anything else (a prototype name included) is simply not found
      const id = String(req.params.id);
      if (!isUuid(id)) throw new Error('not an id');
      attachment = await readableAttachment({ em, viewer }, id);
    } catch {
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    const content = await app.files.get(em, attachment.storageKey);
    if (!content) {
      app.logger.error('attachment bytes missing', { attachmentId: attachment.id });
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    const inline = INLINE.has(attachment.mimeType);
    res.setHeader('Content-Type', inline ? attachment.mimeType : 'application/octet-stream');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.setHeader(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    );
    res.send(content);
  };
}
