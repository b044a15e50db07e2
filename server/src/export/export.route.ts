import type { Request, Response } from 'express';
import type { App } from '../app-services.js';
import { resolveViewer } from '../context.js';
import { tokenFrom } from '../auth/tokens.js';
import { readableBasin } from '../basin/basin.access.js';
import type { Basin } from '../basin/basin.entity.js';
import { TABLES, type TableName } from './tables.js';
import { toCsv, toXlsx } from './formats.js';
import { langOf } from './labels.js';
import { isUuid } from '../common/ids.js';

/**
 * GET /files/exports/:basinId/:table.(csv|xlsx)?lang=fr|en — any table of the dashboard, for the basin's readers;
 * headers and coded values (statuses, kinds, outcomes) in the reader's language, French by default.
 */
export function exportRoute(app: App) {
  return async (req: Request, res: Response): Promise<void> => {
    const em = app.orm.em.fork();
    const viewer = await resolveViewer(em, tokenFrom(req.headers.authorization, req.headers.cookie));
    if (!viewer) {
      res.status(401).json({ code: 'UNAUTHENTICATED' });
      return;
    }
    const match = /^(\w+)\.(csv|xlsx)$/.exec(String(req.params.file));
    const table = match?.[1] as TableName | undefined;
    // Own keys only: `constructor.csv` or `toString.csv` must not find Object's methods.
    if (!match || !table || !Object.hasOwn(TABLES, table) || !isUuid(req.params.basinId)) {
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    let basin: Basin;
    try {
      // Another basin, or an SME leader's own (whose file has no tables), looks like no basin at all.
      basin = await readableBasin({ em, viewer }, String(req.params.basinId));
    } catch {
      res.status(404).json({ code: 'NOT_FOUND' });
      return;
    }
    const lang = langOf(req.query.lang);
    const data = await TABLES[table](em, basin.id);
    const fileName = `${basin.slug}-${table}.${match[2]}`;
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    if (match[2] === 'csv') {
      res.type('text/csv; charset=utf-8').send(toCsv(data, lang));
    } else {
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(data, lang));
    }
  };
}
