import { PdfWriter, type Column } from './pdf.js';
import { blocks, typeset } from './french.js';

/**
 * The PDF writer of the French official documents (minutes, conventions): every text goes through `typeset`
 * (no-break spaces before « : ; ? ! », typographic apostrophes), and free text keeps its lists (`blocks`).
 */
export class FrenchPdfWriter extends PdfWriter {
  override kicker(text: string): this {
    return super.kicker(typeset(text));
  }

  override title(text: string): this {
    return super.title(typeset(text));
  }

  override stamp(text: string, colour: string): this {
    return super.stamp(typeset(text), colour);
  }

  override heading(text: string): this {
    return super.heading(typeset(text));
  }

  override subheading(text: string): this {
    return super.subheading(typeset(text));
  }

  override paragraph(text: string, options: { muted?: boolean; italic?: boolean; indent?: number } = {}): this {
    return super.paragraph(typeset(text), options);
  }

  override label(text: string): this {
    return super.label(typeset(text));
  }

  override field(label: string, value: string, indent = 0): this {
    return super.field(typeset(label), typeset(value), indent);
  }

  override bullets(lines: string[], indent = 10): this {
    return super.bullets(lines.map(typeset), indent);
  }

  override table(columns: Column[], rows: string[][], options: { boldLast?: boolean } = {}): this {
    return super.table(
      columns.map((c) => ({ ...c, header: typeset(c.header) })),
      rows.map((row) => row.map(typeset)),
      options,
    );
  }

  /**
   * Free text as written (notes, reasons, a project's summary): its paragraphs stay paragraphs and its "- " lines
   * stay a bulleted list, instead of one run-on paragraph.
   */
  blocks(text: string, options: { muted?: boolean; italic?: boolean } = {}): this {
    for (const block of blocks(text)) {
      if (block.kind === 'paragraph') this.paragraph(block.text, options);
      else this.bullets(block.items);
    }
    return this;
  }
}
