import path from 'node:path';
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
