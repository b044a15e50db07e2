import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';

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
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  // One kind of space, so that tests can look for "15 000 €" whatever the PDF used between the digits.
  return pages
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** WinAnsi (cp1252) codes 0x80–0x9F, which differ from Latin-1; the rest is Latin-1. */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsiChar = (code: number): string =>
  code >= 0x80 && code <= 0x9f ? CP1252[code - 0x80]! : String.fromCharCode(code);

/**
 * The strings a PDF drawn with the standard fonts (WinAnsi) actually draws, one text operation after another, as
 * the bytes say them: unlike `pdfText`, a no-break space stays U+00A0 (a reader maps the WinAnsi code 0xA0 to the
 * glyph "space", so extraction cannot tell them apart). Used to check French typography; a PDF with embedded fonts
 * carries a ToUnicode map instead, and `pdfText` then reads its no-break spaces as such.
 */
export function drawnText(bytes: Uint8Array): string {
  const pdf = Buffer.from(bytes);
  const drawn: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    const dataStart = start + (pdf[start + 6] === 0x0d ? 8 : 7);
    const end = pdf.indexOf('endstream', dataStart, 'latin1');
    if (end < 0) break;
    at = end + 9;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(dataStart, end)).toString('latin1');
    } catch {
      content = pdf.subarray(dataStart, end).toString('latin1');
    }
    for (const operation of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex =
        operation[1] !== undefined ? [...operation[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [operation[2]];
      drawn.push([...Buffer.from(hex.join(''), 'hex')].map(winAnsiChar).join(''));
    }
  }
  return drawn.join('\n');
}
