// Markdown and MDX: image and link destinations, reference definitions, inline HTML, and MDX's imports
// and JSX (the YAML frontmatter is split off for data.ts). Code (fenced, indented by a fence, inline)
// is prose about code, not a use.
import { blank, blankMatches, spacedPath, wholePath, type FoundReference } from './path-token.ts';
import { markupReferences } from './markup.ts';
import { scriptReferences } from './script.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm;
const INLINE_CODE = /(`+)[^`][\s\S]*?\1/g;
/** `](<a b.png>)` may hold spaces; a bare destination may hold balanced brackets, `](logo(2).png)`. */
const DESTINATION = /\]\(\s*(?:<([^>\n]*)>|((?:[^\s()]|\([^\s()]*\))+))/dg;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*(?:<([^>\n]*)>|(\S+))/dgm;
const MDX_STATEMENT = /^(?:import|export)\s[^\n]*(?:\n(?!\n)[^\n]*)*/gm;

/** A Markdown file's YAML frontmatter (its text and offset) and its body with the frontmatter blanked. */
export function splitFrontmatter(source: string): { yaml: { text: string; start: number } | null; body: string } {
  const frontmatter = FRONTMATTER.exec(source);
  if (!frontmatter) return { yaml: null, body: source };
  return { yaml: { text: frontmatter[1]!, start: frontmatter[0].indexOf(frontmatter[1]!) }, body: blank(frontmatter[0]) + source.slice(frontmatter[0].length) };
}

/** A Markdown body (frontmatter already taken out by splitFrontmatter). */
export function markdownReferences(source: string, out: FoundReference[], mdx: boolean): void {
  let text = blankMatches(blankMatches(source, FENCE), INLINE_CODE);
  for (const pattern of [DESTINATION, DEFINITION]) {
    for (const match of text.matchAll(pattern)) {
      const group = match[1] !== undefined ? 1 : 2;
      const [value, at] = [match[group]!, match.indices![group]![0]];
      if (!spacedPath(value, at, 'url', out)) wholePath(value, at, 'url', out);
    }
  }
  if (mdx) {
    for (const statement of text.matchAll(MDX_STATEMENT)) scriptReferences(statement[0], statement.index, out);
    text = blankMatches(text, MDX_STATEMENT);
  }
  // Jekyll and Eleventy write Liquid/Nunjucks tags in Markdown; in MDX `{{` is an object in JSX.
  markupReferences(text, 0, out, mdx ? '{' : 'tags');
}
