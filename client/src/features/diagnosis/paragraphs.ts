/**
 * A section body as written: paragraphs separated by blank lines, and lists — lines that start with "-", "*" or "•",
 * one item each — which stay lists (the same reading as the server's `blocks` for the documents).
 */
export type Block = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export function blocks(body: string): Block[] {
  const result: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) result.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const item = /^[-*•]\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const last = result[result.length - 1];
      if (last?.kind === 'list') last.items.push(item[1]!);
      else result.push({ kind: 'list', items: [item[1]!] });
    } else if (!line) flush();
    else paragraph.push(line);
  }
  flush();
  return result;
}
