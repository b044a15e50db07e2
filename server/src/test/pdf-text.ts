import path from 'node:path';
import { createRequire } from 'node:module';

interface TextPiece {
  str?: string;
  transform?: number[];
  width?: number;
  hasEOL?: boolean;
}

/**
 * The pieces of a page as one text: a piece that touches the one before on its line (pdf.js cuts a word where the
 * font's kerning pulls a letter back, "57" ",6 %") continues it; any other follows after a space.
 */
function joined(items: TextPiece[]): string {
  let text = '';
  let end: { x: number; y: number } | null = null;
  for (const item of items) {
    const [x = 0, y = 0] = [item.transform?.[4], item.transform?.[5]];
    const touches = end !== null && Math.abs(y - end.y) < 0.5 && x - end.x < 0.5;
    text += (touches ? '' : ' ') + (item.str ?? '');
    end = item.hasEOL ? null : { x: x + (item.width ?? 0), y };
  }
  return text;
}

/** The text of a PDF, page after page, extracted by pdf.js (Mozilla's reader): what a person would read. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = path.join(
    path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts/',
  );
  const document = await pdfjs.getDocument({ data: bytes, standardFontDataUrl: fonts, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(joined(content.items.map((item) => ('str' in item ? item : {}))));
  }
  await document.destroy();
  // One kind of space, so that tests can look for "15 000 €" whatever the PDF used between the digits.
  return pages
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** What a screen reader and a font check need of a PDF: its tagging, language, structure and fonts. */
export interface PdfAccessibility {
  /** The document says it is tagged (MarkInfo /Marked true). */
  tagged: boolean;
  lang: string | null;
  /** Each page's structure elements (with their ancestors, as pdf.js gives them), depth first: the reading order. */
  pages: string[][];
  /** The fonts the pages use, with whether each is embedded in the file. */
  fonts: { name: string; embedded: boolean }[];
}

interface StructNode {
  role?: string;
  children?: StructNode[];
}

export async function pdfAccessibility(bytes: Uint8Array): Promise<PdfAccessibility> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const markInfo = await document.getMarkInfo();
  const pages: string[][] = [];
  const walk = (node: StructNode | null, roles: string[]) => {
    if (!node) return roles;
    if (node.role && node.role !== 'Root') roles.push(node.role);
    node.children?.forEach((child) => walk(child, roles));
    return roles;
  };
  for (let number = 1; number <= document.numPages; number += 1) {
    pages.push(walk((await (await document.getPage(number)).getStructTree()) as StructNode | null, []));
  }
  await document.destroy();
  // Font dictionaries are not compressed by pdfkit: their names and their embedded files read as text.
  const raw = Buffer.from(bytes).toString('latin1');
  const fonts = [...raw.matchAll(/\/Type \/Font\b[^>]*?\/BaseFont \/([\w+-]+)/g)].map((m) => m[1]!);
  const embedded = (name: string) =>
    new RegExp(`/FontName /${name.replace(/[+]/g, '\\+')}[^>]*/FontFile[23]?`).test(raw);
  return {
    tagged: markInfo?.Marked === true,
    lang: /\/Lang \(([^)]*)\)/.exec(raw)?.[1] ?? null,
    pages,
    fonts: [...new Set(fonts)].map((name) => ({ name, embedded: embedded(name) })),
  };
}
