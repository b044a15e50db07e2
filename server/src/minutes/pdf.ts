import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * A thin layer over pdfkit for the platform's French documents (minutes, conventions, the annual report): A4, the
 * Inter typeface embedded, headings, paragraphs, lists and simple tables, and on every page a footer and an optional
 * watermark ("PROJET"). Every document is a tagged PDF: its content hangs in a structure tree (headings, paragraphs,
 * lists, tables) in reading order, and what only decorates (rules, frames, the watermark, the footer) is marked as
 * an artifact, so that a screen reader reads the text once and in order.
 */

const require = createRequire(import.meta.url);
/**
 * Inter, the interface's own typeface (client/src/styles.css names it first), from an npm package that ships its TTF
 * files (pdfkit embeds TTF/OTF, not the woff2 that most web-font packages carry). Embedded and subset, it draws every
 * character of French official typography — the narrow no-break space, « », ’, œ, € — on any reader, where the
 * standard Helvetica stopped at WinAnsi.
 */
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/inter/400Regular_Italic/Inter_400Regular_Italic.ttf'),
} as const;
// pdfkit keeps one font per file path: each face is read, subset and embedded once per document
const REGULAR = FONT_FILES.regular;
const BOLD = FONT_FILES.bold;
const ITALIC = FONT_FILES.italic;

/** Keeps what a text means and drops what cannot be drawn: control characters go, a tab becomes a space. */
export function printable(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\t') out += ' ';
    else if (char === '\n' || (code >= 0x20 && code !== 0x7f)) out += char;
  }
  return out;
}

export interface PdfMeta {
  title: string;
  subject?: string;
  /** Shown at the bottom of each page, before "page n / N". */
  footer: string;
  /** Drawn across every page, light grey (e.g. "PROJET" on a draft). */
  watermark?: string | null;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

const MARGIN = 56;
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  /** The structure tree's root: every block of text hangs from it, in the order it is written. */
  private readonly root: PDFKit.PDFStructureElement;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  constructor(private readonly meta: PdfMeta) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
      bufferPages: true,
      pdfVersion: '1.7',
      tagged: true,
      lang: 'fr-FR',
      displayTitle: true,
      // the embedded face from the first line: no standard font is ever referenced
      font: REGULAR,
      info: {
        Title: printable(meta.title),
        Subject: printable(meta.subject ?? ''),
        Creator: 'Agrément',
        Producer: 'Agrément',
      },
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.doc.font(REGULAR).fontSize(10).fillColor(INK);
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  /** A structure element of `type` under `parent` (the document by default), its content drawn inside it. */
  private tag(type: string, draw: () => void, parent: PDFKit.PDFStructureElement = this.root): void {
    const element = this.doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  }

  /** Drawing a screen reader skips: rules, frames, backgrounds, the watermark, the footer, a repeated header. */
  private artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Starts a new page when fewer than `height` points remain on this one. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
    return this;
  }

  space(lines = 0.6): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** A small upper line above the title (the basin, the programme). */
  kicker(text: string): this {
    this.tag('P', () => {
      this.doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(printable(text), this.left, this.doc.y, {
        width: this.width,
      });
    });
    this.doc.fillColor(INK);
    return this.space(0.3);
  }

  title(text: string): this {
    this.tag('H1', () => {
      this.doc.font(BOLD).fontSize(17).fillColor(INK).text(printable(text), this.left, this.doc.y, {
        width: this.width,
      });
    });
    return this.space(0.3);
  }

  /** A framed status line under the title, e.g. "PROJET" or "APPROUVÉ le …". */
  stamp(text: string, colour: string): this {
    const y = this.doc.y;
    this.doc.font(BOLD).fontSize(11);
    const width = this.doc.widthOfString(printable(text)) + 16;
    this.artifact(() => {
      this.doc.roundedRect(this.left, y, width, 20, 3).lineWidth(1.2).strokeColor(colour).stroke();
    });
    this.tag('P', () => {
      this.doc.fillColor(colour).text(printable(text), this.left + 8, y + 5, { lineBreak: false });
    });
    this.doc.fillColor(INK).font(REGULAR).fontSize(10);
    this.doc.x = this.left;
    this.doc.y = y + 28;
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(60).space(0.4);
    this.tag('H2', () => {
      this.doc.font(BOLD).fontSize(12.5).fillColor(INK).text(printable(text), this.left, this.doc.y, {
        width: this.width,
      });
    });
    const y = this.doc.y + 2;
    this.artifact(() => {
      this.doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.6)
        .strokeColor(RULE)
        .stroke();
    });
    this.doc.y = y + 6;
    this.doc.font(REGULAR).fontSize(10);
    return this;
  }

  subheading(text: string): this {
    this.ensureSpace(48).space(0.3);
    this.tag('H3', () => {
      this.doc.font(BOLD).fontSize(10.5).fillColor(INK).text(printable(text), this.left, this.doc.y, {
        width: this.width,
      });
    });
    this.doc.font(REGULAR).fontSize(10);
    return this.space(0.2);
  }

  paragraph(text: string, options: { muted?: boolean; italic?: boolean; indent?: number } = {}): this {
    if (!text.trim()) return this;
    const indent = options.indent ?? 0;
    this.tag('P', () => {
      this.doc
        .font(options.italic ? ITALIC : REGULAR)
        .fontSize(10)
        .fillColor(options.muted ? MUTED : INK)
        .text(printable(text.trim()), this.left + indent, this.doc.y, { width: this.width - indent, align: 'left' });
    });
    this.doc.fillColor(INK).font(REGULAR);
    return this.space(0.3);
  }

  /** A bold line introducing what follows (a list). */
  label(text: string): this {
    this.tag('P', () => {
      this.doc.font(BOLD).fontSize(10).fillColor(INK).text(printable(text), this.left, this.doc.y, {
        width: this.width,
      });
    });
    this.doc.font(REGULAR);
    return this;
  }

  /** "Label : value" with the label in bold (a no-break space before the colon, as French wants). */
  field(label: string, value: string, indent = 0): this {
    this.tag('P', () => {
      this.doc
        .font(BOLD)
        .fontSize(10)
        .fillColor(INK)
        .text(printable(`${label}\u00a0: `), this.left + indent, this.doc.y, {
          continued: true,
          width: this.width - indent,
        });
      this.doc.font(REGULAR).text(printable(value));
    });
    return this;
  }

  /** A list: one item per line, read as a list (its items counted) by a screen reader. */
  bullets(lines: string[], indent = 10): this {
    const list = this.doc.struct('L');
    this.root.add(list);
    for (const line of lines) {
      const item = this.doc.struct('LI');
      list.add(item);
      this.tag(
        'LBody',
        () => {
          this.doc
            .font(REGULAR)
            .fontSize(10)
            .fillColor(INK)
            .text(printable(`•  ${line}`), this.left + indent, this.doc.y, { width: this.width - indent });
        },
        item,
      );
      item.end();
    }
    list.end();
    return this.space(0.3);
  }

  /**
   * A table with a header row, repeated on each page it runs onto; columns' widths are fractions of the text
   * width. Rows never split over pages. Tagged as a table of header cells and data cells; a repeated header is a
   * pagination artifact, read once.
   */
  table(columns: Column[], rows: string[][], options: { boldLast?: boolean } = {}): this {
    const widths = columns.map((c) => c.width * this.width);
    const headers = columns.map((c) => c.header);
    const table = this.doc.struct('Table');
    this.root.add(table);
    const drawRow = (cells: string[], bold: boolean, header: 'first' | 'repeated' | null = null) => {
      this.doc.font(bold ? BOLD : REGULAR).fontSize(header ? 9 : 9.5);
      const heights = cells.map((cell, i) => this.doc.heightOfString(printable(cell), { width: (widths[i] ?? 0) - 6 }));
      const height = Math.max(...heights, 10) + 6;
      const page = this.doc.page;
      this.ensureSpace(height + (header ? 20 : 0));
      if (!header && this.doc.page !== page) drawRow(headers, true, 'repeated');
      this.doc.font(bold ? BOLD : REGULAR).fontSize(header ? 9 : 9.5);
      const y = this.doc.y;
      if (header) this.artifact(() => this.doc.rect(this.left, y, this.width, height).fillColor('#eef2f6').fill());
      const drawCell = (cell: string, i: number, x: number) =>
        this.doc
          .fillColor(header ? MUTED : INK)
          .text(printable(cell), x + 3, y + 3, { width: (widths[i] ?? 0) - 6, align: columns[i]?.align ?? 'left' });
      const row = header === 'repeated' ? null : this.doc.struct('TR');
      if (row) table.add(row);
      let x = this.left;
      cells.forEach((cell, i) => {
        const at = x;
        if (row) this.tag(header ? 'TH' : 'TD', () => drawCell(cell, i, at), row);
        else this.artifact(() => drawCell(cell, i, at), 'Pagination');
        x += widths[i] ?? 0;
      });
      row?.end();
      this.artifact(() => {
        this.doc
          .moveTo(this.left, y + height)
          .lineTo(this.left + this.width, y + height)
          .lineWidth(0.4)
          .strokeColor(RULE)
          .stroke();
      });
      this.doc.fillColor(INK);
      this.doc.x = this.left;
      this.doc.y = y + height;
    };
    drawRow(headers, true, 'first');
    rows.forEach((row, index) => drawRow(row, !!options.boldLast && index === rows.length - 1));
    table.end();
    return this.space(0.5);
  }

  /** Adds the footer (and watermark) to every page, as artifacts, and returns the finished file. */
  async finish(): Promise<Buffer> {
    this.root.end();
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const bottom = page.margins.bottom;
      page.margins.bottom = 0; // writing below the bottom margin would otherwise open a new page
      const watermark = this.meta.watermark;
      if (watermark) {
        this.artifact(() => {
          this.doc.save();
          this.doc.rotate(-40, { origin: [page.width / 2, page.height / 2] });
          this.doc
            .font(BOLD)
            .fontSize(110)
            .fillColor('#9aa5b1')
            .fillOpacity(0.18)
            .text(printable(watermark), 0, page.height / 2 - 55, {
              width: page.width,
              align: 'center',
              lineBreak: false,
            });
          this.doc.restore();
        });
      }
      this.artifact(() => {
        this.doc
          .font(REGULAR)
          .fontSize(8)
          .fillColor(MUTED)
          .fillOpacity(1)
          .text(
            printable(`${this.meta.footer} — page ${i - range.start + 1} / ${range.count}`),
            page.margins.left,
            page.height - MARGIN + 10,
            { width: page.width - page.margins.left - page.margins.right, align: 'center', lineBreak: false },
          );
      }, 'Pagination');
      page.margins.bottom = bottom;
    }
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}
