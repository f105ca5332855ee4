// YAML (and Markdown frontmatter): scalar values that are one image path.
import type { FoundReference } from './path-token.ts';
import { pathTokens } from './path-token.ts';

const COMMENT = /(?:^|\s)#.*$/;
/** A value starts after `key:`, `- `, `[` or `,`, and ends at the line's end, a `,`, `]` or a closing quote. */
const BEFORE = /(?:^|[:\-[,]\s*|\s)["']?$/;
const AFTER = /^["']?\s*(?:$|[,\]])/;

export function yamlReferences(text: string, base: number, out: FoundReference[]): void {
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(COMMENT, (comment) => ' '.repeat(comment.length));
    const found: FoundReference[] = [];
    pathTokens(content, base + lineStart, 'data', found);
    for (const reference of found) {
      const at = reference.offset - base - lineStart;
      if (BEFORE.test(content.slice(0, at)) && AFTER.test(content.slice(at + reference.text.length))) out.push(reference);
    }
    lineStart += line.length + 1;
  }
}
