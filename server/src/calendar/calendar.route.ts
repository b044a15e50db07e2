import type { Request, Response } from 'express';
import type { App } from '../app-services.js';
import { feedCalendar } from './calendar.service.js';

/** GET /calendar/:token.ics — the feed whose secret is in the address; no session (calendar apps have none). */
export function calendarRoute(app: App) {
  return async (req: Request, res: Response): Promise<void> => {
    const calendar = await feedCalendar(app.orm.em.fork(), String(req.params.token), app.config.publicUrl);
    if (!calendar) {
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.setHeader('Content-Disposition', 'inline; filename="seances.ics"');
    res.send(calendar);
  };
}
