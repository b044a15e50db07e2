import { beforeAll, describe, expect, it } from 'vitest';
import { PdfWriter } from './pdf.js';
import { pdfAccessibility, pdfText } from '../test/pdf-text.js';

/** Every document of the platform goes through PdfWriter: what it proves here holds for minutes, conventions, reports. */
async function sample(): Promise<Uint8Array> {
  const pdf = new PdfWriter({ title: 'Procès-verbal « essai »', footer: 'Pied de page', watermark: 'PROJET' });
  pdf.kicker('Programme ALIZÉ — bassin du Valenciennois');
  pdf.title('Procès-verbal de la séance');
  pdf.heading('Décisions');
  pdf.paragraph('Avance de 15\u202f000\u00a0€ accordée ; l’œuvre est « faite ».');
  pdf.field('Rapporteur', 'Łukasz Wałęsa');
  pdf.bullets(['Première chose', 'Deuxième chose']);
  pdf.table(
    [
      { header: 'Projet', width: 0.6 },
      { header: 'Emplois', width: 0.4, align: 'right' },
    ],
    Array.from({ length: 70 }, (_, i) => [`Projet ${i + 1}`, String(i)]),
  );
  pdf.field('Quorum', 'atteint');
  return new Uint8Array(await pdf.finish());
}

let bytes: Uint8Array;
// pdf.js and a 2-page document take a few seconds on a busy 2-core machine: drawn once, read by each test
beforeAll(async () => {
  bytes = await sample();
}, 30_000);

describe('the shared PDF writer', { timeout: 20_000 }, () => {
  it('should embed its fonts, and use no standard font', async () => {
    const { fonts } = await pdfAccessibility(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.map((f) => f.name).join(' ')).toMatch(/Inter-Regular/);
    expect(fonts.map((f) => f.name).join(' ')).not.toMatch(/Helvetica|Times|Courier/);
  });

  it('should draw French typography and names beyond WinAnsi as written', async () => {
    // pdf.js takes the buffer it reads: a copy
    const text = await pdfText(bytes.slice());
    expect(text).toContain('Avance de 15 000 € accordée ; l’œuvre est « faite ».');
    expect(text).toContain('Rapporteur : Łukasz Wałęsa');
    expect(text).not.toContain('?');
  });

  it('should be tagged in French, its text in reading order and its decoration left out', async () => {
    const a11y = await pdfAccessibility(bytes);
    expect(a11y.tagged).toBe(true);
    expect(a11y.lang).toBe('fr-FR');
    const blocks = (roles: string[]) => roles.filter((role) => !['TR', 'TD', 'TH', 'LI', 'LBody'].includes(role));
    const [first = [], second = []] = a11y.pages;
    expect(blocks(first)).toEqual(['Document', 'P', 'H1', 'H2', 'P', 'P', 'L', 'Table']);
    // the table goes on over the page, then the last field
    expect(blocks(second)).toEqual(['Document', 'Table', 'P']);
    // one header row for a table running onto two pages (the repeat is an artifact), 70 rows of data; pdf.js gives
    // an element whole on each page it shows on
    const all = first;
    expect(all.filter((role) => role === 'TH')).toHaveLength(2);
    expect(all.filter((role) => role === 'TD')).toHaveLength(140);
    expect(all.filter((role) => role === 'LI')).toHaveLength(2);
  });
});
