import { diffWords } from 'diff';

/** A section of the paper as the editor and the comparison handle it. */
export interface PaperSection {
  heading: string;
  body: string;
}

/**
 * The headings a new preliminary diagnosis starts with: what the partners need to know before the session (the
 * company, its project, its figures, the competences and jobs at stake) and the prescriber's opinion. The author
 * may rename, add or remove sections; each version stores its own.
 */
export const DEFAULT_SECTION_KEYS = ['company', 'project', 'finances', 'needs', 'jobs', 'opinion'] as const;

/** One run of text in a comparison: unchanged, added in the newer version, or removed from the older. */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** A section compared across two versions: matched by heading, else by position. */
export interface SectionDiff {
  heading: string;
  /** The section exists only in the newer version (added) or only in the older one (removed). */
  status: 'changed' | 'same' | 'added' | 'removed';
  parts: DiffPart[];
}

const toParts = (older: string, newer: string): DiffPart[] =>
  diffWords(older, newer).map((change) => ({
    text: change.value,
    change: change.added ? 'added' : change.removed ? 'removed' : 'same',
  }));

/**
 * Compares two versions section by section, word by word (jsdiff's `diffWords`: a longest-common-subsequence diff
 * that keeps whole words, as a reader compares prose). Sections keep the newer version's order; those the newer
 * version dropped come last.
 */
export function compareSections(older: PaperSection[], newer: PaperSection[]): SectionDiff[] {
  const unmatched = [...older];
  const take = (section: PaperSection, index: number): PaperSection | null => {
    let at = unmatched.findIndex((o) => o.heading.trim().toLowerCase() === section.heading.trim().toLowerCase());
    if (
      at < 0 &&
      older[index] &&
      unmatched.includes(older[index]!) &&
      !newer.some((n) => n.heading === older[index]!.heading)
    ) {
      at = unmatched.indexOf(older[index]!);
    }
    return at < 0 ? null : unmatched.splice(at, 1)[0]!;
  };
  const result: SectionDiff[] = newer.map((section, index) => {
    const before = take(section, index);
    if (!before) return { heading: section.heading, status: 'added', parts: toParts('', section.body) };
    const parts = toParts(before.body, section.body);
    const headingParts =
      before.heading === section.heading ? [] : toParts(`${before.heading}\n`, `${section.heading}\n`);
    const same = headingParts.length === 0 && parts.every((part) => part.change === 'same');
    return { heading: section.heading, status: same ? 'same' : 'changed', parts: [...headingParts, ...parts] };
  });
  for (const section of unmatched) {
    result.push({ heading: section.heading, status: 'removed', parts: toParts(section.body, '') });
  }
  return result;
}
