import ExcelJS from 'exceljs';
import type { AnnualReport } from './annual-report.service.js';
import { type Kind, type Lang, inLang, reportSheets } from './report-sheets.js';

/** Number formats: whole euros with the sign, days and decimals with one digit, percentages as written. */
const FORMAT: Partial<Record<Kind, string>> = {
  euros: '#,##0 "€"',
  days: '0.0',
  decimal: '0.0',
  percent: '0.0 "%"',
  count: '0',
};

/** The annual report as a workbook: one sheet per section, headers in the reader's language, numbers as numbers. */
export async function renderAnnualReportXlsx(report: AnnualReport, lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Agrément';
  workbook.title = lang === 'en' ? `Annual activity report ${report.year}` : `Rapport annuel d’activité ${report.year}`;
  for (const sheet of reportSheets(report)) {
    // Excel refuses sheet names over 31 characters and a few signs; ours are short and plain.
    const worksheet = workbook.addWorksheet(sheet.title[lang].slice(0, 31));
    worksheet.columns = sheet.columns.map((c) => ({
      header: c.title[lang],
      key: c.key,
      width: Math.max(12, Math.round(c.width * 90), c.title[lang].length + 2),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const added = worksheet.addRow(
        Object.fromEntries(sheet.columns.map((c) => [c.key, inLang(row.cells[c.key] ?? null, lang)])),
      );
      sheet.columns.forEach((c, index) => {
        const format = FORMAT[c.kind === 'row' ? (row.kind ?? 'count') : c.kind];
        if (format) added.getCell(index + 1).numFmt = format;
      });
      if (row.total) added.font = { bold: true };
    }
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
