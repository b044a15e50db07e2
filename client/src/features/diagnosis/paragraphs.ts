/** A section body is plain text with paragraphs separated by blank lines. */
export const paragraphs = (body: string): string[] =>
  body
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
