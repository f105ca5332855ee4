// HTML and HTML-like templates, and Vue/Svelte/Astro components: attribute values (src, srcset, href,
// poster, style), bindings and `{…}` values as scripts (`:src="'/a.png'"`, `src={'/a.png'}`), text
// expressions (`{{ '/a.png' }}`, `{'/a.png'}`) by their string literals only, <style> blocks as CSS,
// <script> blocks and Astro's frontmatter as scripts; in server templates, string literals in their tags.
import { blank, blankMatches, pathTokens, spacedPath, wholePath, type FoundReference } from './path-token.ts';
import { scriptReferences, stringLiterals } from './script.ts';
import { styleReferences } from './style.ts';

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const BLOCK = /(<(script|style)\b[^>]*>)([\s\S]*?)(?:<\/\2\s*>|$)/gi;
const ATTRIBUTE = /(?<![\w-])([:@\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^}]*)\}|([^\s>"'{}`]+))/dg;
/** Attributes whose text names a file without using it. */
const PROSE_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'aria-description', 'placeholder', 'class', 'id', 'name', 'download', 'value', 'label']);
/** Attributes whose value is one URL, so a path with spaces in it is still one path (`src="My logo.png"`). */
const SINGLE_URL_ATTRIBUTES = new Set(['src', 'href', 'poster', 'data', 'background', 'xlink:href']);
const ASTRO_FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/**
 * How a template writes expressions in its text: Vue `{{ … }}`, Svelte/Astro/MDX `{ … }`, server template
 * tags (`tags`: Liquid, Jinja/Django, Nunjucks, Twig, Handlebars, ERB/EJS, PHP), or not at all.
 */
export type Expressions = '{{' | '{' | 'tags' | null;

/** Server template tags, opening and closing. */
const TEMPLATE_TAGS: readonly (readonly [string, string])[] = [
  ['{{', '}}'],
  ['{%', '%}'],
  ['<%', '%>'],
  ['<?', '?>'],
];

export function markupReferences(source: string, base: number, out: FoundReference[], expressions: Expressions = null): void {
  let text = blankMatches(source, COMMENT);
  // A helper's argument inside an attribute (`src="{% static 'a.png' %}"`) is one (not inside `alt` and
  // other prose attributes); then the tags are blanked, so `{% set note = "a.png" %}` is no attribute.
  if (expressions === 'tags') text = templateTagReferences(text, base, out);
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
    if (isProse(name)) continue;
    const group = [2, 3, 4, 5].find((g) => match[g] !== undefined)!;
    const value = match[group]!;
    const at = base + match.indices![group]![0];
    if (bound || (group === 4 && expressions === '{')) scriptReferences(value, at, out);
    else if (name === 'style') styleReferences(value, at, out);
    else if (group <= 3 && SINGLE_URL_ATTRIBUTES.has(name)) singleUrlReferences(value, at, out);
    else pathTokens(value, at, 'url', out);
  }
  if (expressions === '{{' || expressions === '{') expressionReferences(text.replace(ATTRIBUTE, blank), base, expressions, out);
}

function isProse(attribute: string): boolean {
  return PROSE_ATTRIBUTES.has(attribute.toLowerCase().replace(/^(?::|v-bind:)/, '').replace(/\..*$/, ''));
}

/**
 * String literals inside server template tags that are one image path each: the helpers' arguments.
 * Returns the text with every tag's inside blanked.
 */
function templateTagReferences(text: string, base: number, out: FoundReference[]): string {
  const readable = text.replace(ATTRIBUTE, (whole: string, name: string) => (isProse(name) ? blank(whole) : whole));
  const spans = TEMPLATE_TAGS.flatMap(([open, close]) => delimited(text, open, close));
  for (const [start, end] of spans) {
    if (text[start] === '#') continue; // an ERB comment, `<%# … %>`
    for (const literal of stringLiterals(readable.slice(start, end))) if (literal.value.includes('.')) wholePath(literal.value, base + start + literal.start, 'template', out);
  }
  return blankSpans(text, spans);
}

/** The text with these [start, end) spans (in any order, maybe overlapping) blanked, in one pass. */
function blankSpans(text: string, spans: readonly [number, number][]): string {
  const pieces: string[] = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    pieces.push(text.slice(at, from), blank(text.slice(from, end)));
    at = end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
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
  for (const [start, end] of open === '{{' ? delimited(text, '{{', '}}') : braces(text)) scriptReferences(text.slice(start, end), base + start, out);
}

/** `open … close` (Vue's `{{ … }}`, template tags), not nested: [start, end) of each inside, in one pass. */
function delimited(text: string, open: string, close: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at)) {
    const end = text.indexOf(close, at + open.length);
    if (end < 0) break; // nothing closes this one or any later
    spans.push([at + open.length, end]);
    at = end + close.length;
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
