import ExcelJS from 'exceljs';

/** Rows of a CSV (`;` or `,`, quotes, a BOM) or of an XLSX's first sheet, keyed by their header cells. */
export async function readRows(fileName: string, content: Buffer): Promise<Record<string, string>[]> {
  const grid = /\.xlsx$/i.test(fileName)
    ? await xlsxGrid(content)
    : csvGrid(content.toString('utf8').replace(/^\uFEFF/, ''));
  const [header, ...rows] = grid.filter((row) => row.some((cell) => cell.trim() !== ''));
  if (!header) return [];
  const keys = header.map((h) => h.trim().toLowerCase());
  return rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, (row[i] ?? '').trim()])));
}

function csvGrid(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

async function xlsxGrid(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) {
      const value = row.getCell(c).value;
      cells.push(
        value instanceof Date
          ? value.toISOString().slice(0, 10)
          : value === null || value === undefined
            ? ''
            : String(typeof value === 'object' && 'result' in value ? value.result : value),
      );
    }
    rows.push(cells);
  });
  return rows;
}
