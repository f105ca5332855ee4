// HTML and HTML-like templates, and Vue/Svelte/Astro components: attribute values (src, srcset, href,
// poster, style), bindings and `{…}` values as scripts (`:src="'/a.png'"`, `src={'/a.png'}`), text
// expressions (`{{ '/a.png' }}`, `{'/a.png'}`) by their string literals only, <style> blocks as CSS,
// <script> blocks and Astro's frontmatter as scripts.
import { blank, blankMatches, pathTokens, spacedPath, type FoundReference } from './path-token.ts';
import { scriptReferences } from './script.ts';
import { styleReferences } from './style.ts';

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const BLOCK = /(<(script|style)\b[^>]*>)([\s\S]*?)(?:<\/\2\s*>|$)/gi;
const ATTRIBUTE = /(?<![\w-])([:@\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^}]*)\}|([^\s>"'{}`]+))/dg;
/** Attributes whose text names a file without using it. */
const PROSE_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'aria-description', 'placeholder', 'class', 'id', 'name', 'download', 'value', 'label']);
/** Attributes whose value is one URL, so a path with spaces in it is still one path (`src="My logo.png"`). */
const SINGLE_URL_ATTRIBUTES = new Set(['src', 'href', 'poster', 'data', 'background', 'xlink:href']);
const ASTRO_FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/** How a template writes expressions in its text: Vue `{{ … }}`, Svelte/Astro/MDX `{ … }`, or not at all. */
export type Expressions = '{{' | '{' | null;

export function markupReferences(source: string, base: number, out: FoundReference[], expressions: Expressions = null): void {
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
    else markupReferences(body, bodyStart, out, expressions);
    return open + blank(whole.slice(open.length));
  });
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    // A Vue binding or directive (`:src`, `v-bind:src.prop`, `@click`, `v-if`) holds a script expression.
    const bound = /^(?:[:@#]|v-)/.test(name);
    if (PROSE_ATTRIBUTES.has(name.replace(/^(?::|v-bind:)/, '').replace(/\..*$/, ''))) continue;
    const group = [2, 3, 4, 5].find((g) => match[g] !== undefined)!;
    const value = match[group]!;
    const at = base + match.indices![group]![0];
    if (bound || (group === 4 && expressions === '{')) scriptReferences(value, at, out);
    else if (name === 'style') styleReferences(value, at, out);
    else if (group <= 3 && SINGLE_URL_ATTRIBUTES.has(name)) singleUrlReferences(value, at, out);
    else pathTokens(value, at, 'url', out);
  }
  if (expressions) expressionReferences(text.replace(ATTRIBUTE, blank), base, expressions, out);
}

/**
 * A quoted value that names one file: the whole value even with spaces in it, or a string literal in a
 * template expression (`{{ '/a.png' | url }}`, `<?= '/a.png' ?>`), never the tail of a path with spaces.
 */
function singleUrlReferences(value: string, at: number, out: FoundReference[]): void {
  if (spacedPath(value, at, 'url', out)) return;
  const found: FoundReference[] = [];
  pathTokens(value, at, 'url', found);
  const start = at + value.length - value.trimStart().length;
  for (const reference of found) if (reference.offset === start || `'"`.includes(value[reference.offset - at - 1]!)) out.push(reference);
}

/** Expressions in a template's text (attributes already blanked): only their string literals count. */
function expressionReferences(text: string, base: number, open: '{{' | '{', out: FoundReference[]): void {
  for (const [start, end] of open === '{{' ? mustaches(text) : braces(text)) scriptReferences(text.slice(start, end), base + start, out);
}

/** Vue's `{{ … }}`: [start, end) of each inside. */
function mustaches(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at)) {
    const end = text.indexOf('}}', at + 2);
    if (end < 0) break; // no `}}` closes this one or any later
    spans.push([at + 2, end]);
    at = end + 2;
  }
  return spans;
}

/**
 * Outermost `{ … }` (Svelte, Astro, MDX): [start, end) of each inside, in one pass. Inside braces a quoted
 * string is skipped (a quote left open on its line is text, as in `Don't`); an unclosed `{` yields nothing.
 */
function braces(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (depth > 0 && (c === '"' || c === "'" || c === '`')) {
      let j = i + 1;
      while (j < text.length && text[j] !== c && (c === '`' || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      if (text[j] === c) i = j;
    } else if (c === '{') {
      if (depth++ === 0) start = i + 1;
    } else if (c === '}' && depth > 0 && --depth === 0) spans.push([start, i]);
  }
  return spans;
}
