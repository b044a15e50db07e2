import type { EntityManager } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import type { App } from '../app-services.js';
import { type Viewer, resolveViewer } from '../context.js';
import { tokenFrom } from '../auth/tokens.js';
import { belongsToBasin, readsBasin } from '../basin/basin.access.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { Minutes } from './minutes.entity.js';
import { renderMinutesPdf } from './minutes-pdf.js';
import { dayIn } from './french.js';
import { isUuid } from '../common/ids.js';

/** The session of a file request (cookie or bearer, like the API); answers 401 and returns null without one. */
export async function fileViewer(em: EntityManager, req: Request, res: Response): Promise<Viewer | null> {
  const viewer = await resolveViewer(em, tokenFrom(req.headers.authorization, req.headers.cookie));
  if (!viewer) res.status(401).json({ code: 'UNAUTHENTICATED' });
  return viewer;
}

/**
 * Sends a generated PDF, never cached by a shared cache: shown in the browser, or saved when the address ends with
 * `?download=1`.
 */
export function sendPdf(req: Request, res: Response, content: Buffer, fileName: string): void {
  const disposition = req.query.download ? 'attachment' : 'inline';
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Content-Disposition', `${disposition}; filename="${fileName}"`);
  res.send(content);
}

/**
 * GET /files/minutes/:meetingId.pdf — the basin's committee roles (an SME leader alone is refused: 403); another
 * basin's session, or one without minutes, is 404.
 */
export function minutesPdfRoute(app: App) {
  return async (req: Request, res: Response): Promise<void> => {
    const em = app.orm.em.fork();
    const viewer = await fileViewer(em, req, res);
    if (!viewer) return;
    const meetingId = String(req.params.meetingId);
    const meeting = isUuid(meetingId) ? await em.findOne(Meeting, meetingId) : null;
    if (!meeting || !belongsToBasin(viewer, meeting.basin.id)) {
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    if (!readsBasin(viewer, meeting.basin.id)) {
      res.status(403).json({ code: 'FORBIDDEN' });
      return;
    }
    const minutes = await em.findOne(Minutes, { meeting });
    if (!minutes) {
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    const approvedIn = minutes.approvedInMeeting ? await minutes.approvedInMeeting.load() : null;
    const pdf = await renderMinutesPdf({
      minutes,
      approvedInSession: approvedIn ? { title: approvedIn.title, scheduledAt: approvedIn.scheduledAt } : null,
    });
    const day = dayIn(meeting.scheduledAt, minutes.content.timeZone);
    sendPdf(req, res, pdf, `proces-verbal-${day}${minutes.status === 'APPROVED' ? '' : '-projet'}.pdf`);
  };
}
