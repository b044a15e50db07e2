import ExcelJS from 'exceljs';
import type { Cell, Table } from './tables.js';
import type { Lang } from './labels.js';

/** A row's cell as the reader gets it: a code becomes its label in their language. */
function cellOf(column: Table['columns'][number], row: Table['rows'][number], lang: Lang): Cell {
  const value = row[column.key] ?? null;
  return typeof value === 'string' && column.values && Object.hasOwn(column.values, value)
    ? column.values[value]![lang]
    : value;
}

/** CSV as French spreadsheets open it: UTF-8 with a BOM, `;` between fields, CRLF, quotes where needed. */
export function toCsv(table: Table, lang: Lang): Buffer {
  const escape = (value: Cell) => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'number' && lang === 'fr' ? String(value).replace('.', ',') : String(value);
    return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [
    table.columns.map((c) => escape(c[lang])),
    ...table.rows.map((row) => table.columns.map((c) => escape(cellOf(c, row, lang)))),
  ];
  return Buffer.from(`\uFEFF${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`, 'utf8');
}

/** One worksheet with bold headers, numbers as numbers, and columns wide enough to read. */
export async function toXlsx(table: Table, lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Agrément';
  const sheet = workbook.addWorksheet(table.name);
  sheet.columns = table.columns.map((c) => ({ header: c[lang], key: c.key, width: Math.max(12, c[lang].length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, cellOf(c, row, lang)])));
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
