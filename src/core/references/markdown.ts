// Markdown and MDX: image and link destinations, reference definitions, inline HTML, YAML frontmatter,
// and MDX's imports and JSX. Code (fenced, indented by a fence, inline) is prose about code, not a use.
import { blank, blankMatches, wholePath, type FoundReference } from './path-token.ts';
import { markupReferences } from './markup.ts';
import { scriptReferences } from './script.ts';
import { yamlReferences } from './data.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm;
const INLINE_CODE = /(`+)[^`][\s\S]*?\1/g;
const DESTINATION = /\]\(\s*(?:<([^>\n]*)>|([^\s)]+))/dg;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*(?:<([^>\n]*)>|(\S+))/dgm;
const MDX_STATEMENT = /^(?:import|export)\s[^\n]*(?:\n(?!\n)[^\n]*)*/gm;

export function markdownReferences(source: string, out: FoundReference[], mdx: boolean): void {
  let text = source;
  const frontmatter = FRONTMATTER.exec(text);
  if (frontmatter) {
    yamlReferences(frontmatter[1]!, frontmatter[0].indexOf(frontmatter[1]!), out);
    text = blank(frontmatter[0]) + text.slice(frontmatter[0].length);
  }
  text = blankMatches(blankMatches(text, FENCE), INLINE_CODE);
  for (const pattern of [DESTINATION, DEFINITION]) {
    for (const match of text.matchAll(pattern)) {
      const group = match[1] !== undefined ? 1 : 2;
      wholePath(match[group]!, match.indices![group]![0], 'url', out);
    }
  }
  if (mdx) {
    for (const statement of text.matchAll(MDX_STATEMENT)) scriptReferences(statement[0], statement.index, out);
    text = blankMatches(text, MDX_STATEMENT);
  }
  markupReferences(text, 0, out, mdx ? '{' : null);
}
