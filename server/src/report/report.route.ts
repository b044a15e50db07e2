import type { Request, Response } from 'express';
import type { App } from '../app-services.js';
import type { Basin } from '../basin/basin.entity.js';
import { AppError, ErrorCode } from '../errors.js';
import { fileViewer, sendPdf } from '../minutes/minutes.route.js';
import { isUuid } from '../common/ids.js';
import { reportBasin } from './report.access.js';
import { annualReport } from './annual-report.service.js';
import { renderAnnualReportPdf } from './annual-report-pdf.js';
import { renderAnnualReportXlsx } from './annual-report-xlsx.js';

/**
 * GET /files/reports/:basinId/:year.(pdf|xlsx)?lang=fr|en — the annual activity report of a calendar year: the PDF in
 * French, the workbook in French or English. For the operator, the steering committee, the basin's funders and the
 * national head (others of the basin: 403); another basin is 404.
 */
export function annualReportRoute(app: App) {
  return async (req: Request, res: Response): Promise<void> => {
    const em = app.orm.em.fork();
    const viewer = await fileViewer(em, req, res);
    if (!viewer) return;
    const match = /^(\d{4})\.(pdf|xlsx)$/.exec(String(req.params.file));
    const year = Number(match?.[1]);
    if (!match || year < 2000 || year > 2100 || !isUuid(req.params.basinId)) {
      res.status(404).json({ code: ErrorCode.NOT_FOUND });
      return;
    }
    let basin: Basin;
    try {
      basin = await reportBasin({ em, viewer }, String(req.params.basinId));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const forbidden = error.extensions.code === ErrorCode.FORBIDDEN;
      res.status(forbidden ? 403 : 404).json({ code: forbidden ? ErrorCode.FORBIDDEN : ErrorCode.NOT_FOUND });
      return;
    }
    const report = await annualReport(em, basin, year);
    if (match[2] === 'pdf') {
      sendPdf(req, res, await renderAnnualReportPdf(report), `rapport-activite-${basin.slug}-${year}.pdf`);
      return;
    }
    const lang = req.query.lang === 'en' ? 'en' : 'fr';
    const name = lang === 'en' ? `activity-report-${basin.slug}-${year}` : `rapport-activite-${basin.slug}-${year}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await renderAnnualReportXlsx(report, lang));
  };
}
