// HTML and HTML-like templates, and Vue/Svelte/Astro components: attribute values (src, srcset, href,
// poster, style, bound `:src="require('…')"`, `src={…}`), <style> blocks as CSS, <script> blocks and
// Astro's frontmatter as scripts.
import { blank, blankMatches, pathTokens, type FoundReference } from './path-token.ts';
import { scriptReferences } from './script.ts';
import { styleReferences } from './style.ts';

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const BLOCK = /(<(script|style)\b[^>]*>)([\s\S]*?)(?:<\/\2\s*>|$)/gi;
const ATTRIBUTE = /(?<![\w-])([:@\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^}]*)\}|([^\s>"'{}`]+))/dg;
/** Attributes whose text names a file without using it. */
const PROSE_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'aria-description', 'placeholder', 'class', 'id', 'name', 'download', 'value', 'label']);
const ASTRO_FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

export function markupReferences(source: string, base: number, out: FoundReference[]): void {
  let text = blankMatches(source, COMMENT);
  const frontmatter = ASTRO_FRONTMATTER.exec(text);
  if (frontmatter) {
    scriptReferences(frontmatter[1]!, base + frontmatter.index + frontmatter[0].indexOf(frontmatter[1]!), out);
    text = blank(frontmatter[0]) + text.slice(frontmatter[0].length);
  }
  text = text.replace(BLOCK, (whole, open: string, kind: string, body: string, offset: number) => {
    const bodyStart = base + offset + open.length;
    if (kind.toLowerCase() === 'style') styleReferences(body, bodyStart, out);
    else if (!/\btype\s*=\s*["']?text\/(?:html|template|x-template)/i.test(open)) scriptReferences(body, bodyStart, out);
    else markupReferences(body, bodyStart, out);
    return open + blank(whole.slice(open.length));
  });
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (PROSE_ATTRIBUTES.has(name)) continue;
    const group = [2, 3, 4, 5].find((g) => match[g] !== undefined)!;
    if (name === 'style') styleReferences(match[group]!, base + match.indices![group]![0], out);
    else pathTokens(match[group]!, base + match.indices![group]![0], 'url', out);
  }
}
