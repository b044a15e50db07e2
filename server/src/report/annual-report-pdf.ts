import { PdfWriter } from '../minutes/pdf.js';
import { NBSP, dayCount, decimal, euros, frenchDate, shortDate, typeset } from '../minutes/french.js';
import type { AnnualReport } from './annual-report.service.js';
import { type Cell, type Kind, inLang, reportSheets } from './report-sheets.js';

/** A figure as French official documents write it: "15 000 €", "7,5 j", "12,9", "6 %", "12/03/2026". */
export function frenchFigure(cell: Cell, kind: Kind): string {
  const value = inLang(cell, 'fr');
  if (value === null) return '—';
  if (typeof value === 'string') return kind === 'day' ? shortDate(value) : typeset(value);
  switch (kind) {
    case 'euros':
      return euros(value);
    case 'days':
      return dayCount(value);
    case 'percent':
      return `${decimal(value, 1)}${NBSP}%`;
    case 'decimal':
      return decimal(value, 1);
    default:
      return decimal(value, 0);
  }
}

/** The annual activity report in French: a title page block, then each section as a table. */
export async function renderAnnualReportPdf(report: AnnualReport): Promise<Buffer> {
  const title = `Rapport annuel d’activité ${report.year}`;
  const pdf = new PdfWriter({
    title: `${title} — ${report.basin.name}`,
    subject: 'Rapport aux financeurs et au comité de pilotage local',
    footer: `${title} — bassin ${report.basin.name}`,
    watermark: null,
  });
  pdf.kicker(`Programme ALIZÉ — bassin ${report.basin.name}`);
  pdf.title(title);
  pdf.paragraph(
    typeset(
      `Rapport aux financeurs et au comité de pilotage local, établi le ${frenchDate(report.drawnUpOn)}. ` +
        'Ses chiffres sont ceux du tableau de bord de la plateforme Agrément à cette date.',
    ),
    { muted: true },
  );
  for (const sheet of reportSheets(report)) {
    pdf.heading(sheet.title.fr);
    if (sheet.note) pdf.paragraph(typeset(sheet.note.fr), { muted: true });
    if (sheet.rows.length === 0) {
      pdf.paragraph('Aucune donnée pour cette période.', { italic: true });
      continue;
    }
    const boldLast = sheet.rows.at(-1)?.total ?? false;
    pdf.table(
      sheet.columns.map((c) => ({ header: c.title.fr, width: c.width, align: c.kind === 'text' ? 'left' : 'right' })),
      sheet.rows.map((row) =>
        sheet.columns.map((c) =>
          frenchFigure(row.cells[c.key] ?? null, c.kind === 'row' ? (row.kind ?? 'count') : c.kind),
        ),
      ),
      { boldLast },
    );
  }
  return pdf.finish();
}
