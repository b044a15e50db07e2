import PDFDocument from 'pdfkit';

/**
 * A thin layer over pdfkit for the platform's French documents (minutes, conventions): A4, the built-in Helvetica
 * (WinAnsi: every French letter and "€"), headings, paragraphs, simple tables, and on every page a footer and an
 * optional watermark ("PROJET").
 */

/** The characters of WinAnsi (cp1252) that are not Latin-1: the only others the standard fonts can draw. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Replaces what the standard fonts cannot draw: thin spaces become no-break spaces, anything else "?". */
export function winAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(char)) {
      out += char;
    } else if (char === '\u202f' || char === '\u2009' || char === '\u2007') out += '\u00a0';
    else if (char === '\u2011' || char === '\u2212') out += '-';
    else if (char === '\t') out += ' ';
    else if (char !== '\r') out += '?';
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
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  constructor(private readonly meta: PdfMeta) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
      bufferPages: true,
      lang: 'fr-FR',
      displayTitle: true,
      info: {
        Title: winAnsi(meta.title),
        Subject: winAnsi(meta.subject ?? ''),
        Creator: 'Agrément',
        Producer: 'Agrément',
      },
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.font('Helvetica').fontSize(10).fillColor(INK);
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get left(): number {
    return this.doc.page.margins.left;
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
    this.doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(winAnsi(text), this.left, this.doc.y, {
      width: this.width,
    });
    this.doc.fillColor(INK);
    return this.space(0.3);
  }

  title(text: string): this {
    this.doc.font('Helvetica-Bold').fontSize(17).fillColor(INK).text(winAnsi(text), this.left, this.doc.y, {
      width: this.width,
    });
    return this.space(0.3);
  }

  /** A framed status line under the title, e.g. "PROJET" or "APPROUVÉ le …". */
  stamp(text: string, colour: string): this {
    const y = this.doc.y;
    this.doc.font('Helvetica-Bold').fontSize(11);
    const width = this.doc.widthOfString(winAnsi(text)) + 16;
    this.doc.roundedRect(this.left, y, width, 20, 3).lineWidth(1.2).strokeColor(colour).stroke();
    this.doc.fillColor(colour).text(winAnsi(text), this.left + 8, y + 5, { lineBreak: false });
    this.doc.fillColor(INK).font('Helvetica').fontSize(10);
    this.doc.x = this.left;
    this.doc.y = y + 28;
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(60).space(0.4);
    this.doc.font('Helvetica-Bold').fontSize(12.5).fillColor(INK).text(winAnsi(text), this.left, this.doc.y, {
      width: this.width,
    });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = y + 6;
    this.doc.font('Helvetica').fontSize(10);
    return this;
  }

  subheading(text: string): this {
    this.ensureSpace(48).space(0.3);
    this.doc.font('Helvetica-Bold').fontSize(10.5).fillColor(INK).text(winAnsi(text), this.left, this.doc.y, {
      width: this.width,
    });
    this.doc.font('Helvetica').fontSize(10);
    return this.space(0.2);
  }

  paragraph(text: string, options: { muted?: boolean; italic?: boolean; indent?: number } = {}): this {
    if (!text.trim()) return this;
    const indent = options.indent ?? 0;
    this.doc
      .font(options.italic ? 'Helvetica-Oblique' : 'Helvetica')
      .fontSize(10)
      .fillColor(options.muted ? MUTED : INK)
      .text(winAnsi(text.trim()), this.left + indent, this.doc.y, { width: this.width - indent, align: 'left' });
    this.doc.fillColor(INK).font('Helvetica');
    return this.space(0.3);
  }

  /** A bold line introducing what follows (a list). */
  label(text: string): this {
    this.doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(winAnsi(text), this.left, this.doc.y, {
      width: this.width,
    });
    this.doc.font('Helvetica');
    return this;
  }

  /** "Label : value" with the label in bold (a no-break space before the colon, as French wants). */
  field(label: string, value: string, indent = 0): this {
    this.doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(INK)
      .text(winAnsi(`${label}\u00a0: `), this.left + indent, this.doc.y, {
        continued: true,
        width: this.width - indent,
      });
    this.doc.font('Helvetica').text(winAnsi(value));
    return this;
  }

  bullets(lines: string[], indent = 10): this {
    for (const line of lines) {
      this.doc
        .font('Helvetica')
        .fontSize(10)
        .fillColor(INK)
        .text(winAnsi(`•  ${line}`), this.left + indent, this.doc.y, { width: this.width - indent });
    }
    return this.space(0.3);
  }

  /**
   * A table with a header row, repeated on each page it runs onto; columns' widths are fractions of the text
   * width. Rows never split over pages.
   */
  table(columns: Column[], rows: string[][], options: { boldLast?: boolean } = {}): this {
    const widths = columns.map((c) => c.width * this.width);
    const headers = columns.map((c) => c.header);
    const drawRow = (cells: string[], bold: boolean, header = false) => {
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(header ? 9 : 9.5);
      const heights = cells.map((cell, i) => this.doc.heightOfString(winAnsi(cell), { width: (widths[i] ?? 0) - 6 }));
      const height = Math.max(...heights, 10) + 6;
      const page = this.doc.page;
      this.ensureSpace(height + (header ? 20 : 0));
      if (!header && this.doc.page !== page) drawRow(headers, true, true);
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(header ? 9 : 9.5);
      const y = this.doc.y;
      if (header) this.doc.rect(this.left, y, this.width, height).fillColor('#eef2f6').fill();
      let x = this.left;
      cells.forEach((cell, i) => {
        this.doc
          .fillColor(header ? MUTED : INK)
          .text(winAnsi(cell), x + 3, y + 3, { width: (widths[i] ?? 0) - 6, align: columns[i]?.align ?? 'left' });
        x += widths[i] ?? 0;
      });
      this.doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      this.doc.fillColor(INK);
      this.doc.x = this.left;
      this.doc.y = y + height;
    };
    drawRow(headers, true, true);
    rows.forEach((row, index) => drawRow(row, !!options.boldLast && index === rows.length - 1));
    return this.space(0.5);
  }

  /** Adds the footer (and watermark) to every page and returns the finished file. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const bottom = page.margins.bottom;
      page.margins.bottom = 0; // writing below the bottom margin would otherwise open a new page
      if (this.meta.watermark) {
        this.doc.save();
        this.doc.rotate(-40, { origin: [page.width / 2, page.height / 2] });
        this.doc
          .font('Helvetica-Bold')
          .fontSize(110)
          .fillColor('#9aa5b1')
          .fillOpacity(0.18)
          .text(winAnsi(this.meta.watermark), 0, page.height / 2 - 55, {
            width: page.width,
            align: 'center',
            lineBreak: false,
          });
        this.doc.restore();
      }
      this.doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .fillOpacity(1)
        .text(
          winAnsi(`${this.meta.footer} — page ${i - range.start + 1} / ${range.count}`),
          page.margins.left,
          page.height - MARGIN + 10,
          { width: page.width - page.margins.left - page.margins.right, align: 'center', lineBreak: false },
        );
      page.margins.bottom = bottom;
    }
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}
