// SVGs are rasterised with no external loading at all. The document is parsed by a real XML parser
// (never patched with regular expressions, which a namespace prefix or an odd quote slips past) and
// written out again with only what drawing needs: no DOCTYPE, no processing instructions, no
// scripts, foreignObject or animation, no event attributes, no reference (href of any prefix) other
// than a same-document #fragment, no external url() or @import in CSS. Entities are expanded under
// hard caps, nesting is capped, and so is the size of the document.
import { XMLParser } from 'fast-xml-parser';

/** Bigger SVGs are refused before parsing: a parse tree costs many times the text. */
export const SVG_MAX_BYTES = 8 * 1024 * 1024;
/** Real drawings nest a few dozen levels; deeper documents are refused (and never recursed into). */
export const SVG_MAX_DEPTH = 256;

export class SvgRefusedError extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  htmlEntities: true,
  // Internal entities only (Illustrator declares its namespaces so), each small, their expansion capped.
  processEntities: { enabled: true, maxEntitySize: 4096, maxEntityCount: 64, maxExpansionDepth: 4, maxTotalExpansions: 20_000, maxExpandedLength: 2_000_000 },
  maxNestedTags: SVG_MAX_DEPTH,
});

/** Elements that run code, embed other documents or change the drawing over time: dropped with their content. */
const DROPPED_ELEMENTS = new Set(['script', 'foreignobject', 'set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor', 'discard', 'handler', 'listener', 'iframe', 'embed', 'object', 'audio', 'video']);
const NAME = /^[A-Za-z_][\w.:-]*$/;

type XmlNode = Record<string, unknown>;

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

function decodeCssEscape(_match: string, hex: string | undefined, character: string | undefined): string {
  if (hex === undefined) return character ?? '';
  const code = Number.parseInt(hex, 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

/**
 * url(...) that is not a same-document #fragment becomes `none` and @import goes. CSS escapes are
 * decoded first, since `u\72l(` spells `url(` to a CSS parser.
 */
export function neutraliseCss(text: string): string {
  return decodeCssEscapes(text)
    .replace(/@import\b[^;]*;?/gi, '')
    .replace(/url\(([^)]*)\)?/gi, (match, inner: string) => (/^\s*['"]?\s*#/.test(inner) ? match : 'none'));
}

function decodeCssEscapes(text: string): string {
  return text.replace(/\\([0-9a-fA-F]{1,6})\s?|\\([^\n0-9a-fA-F]?)/g, decodeCssEscape);
}

/**
 * An attribute is rewritten only when, read as CSS, it loads something; any other value (a Windows
 * path in `sodipodi:docname`, say) is kept as written, since decoding its backslashes would mangle it.
 */
function neutraliseAttribute(value: string): string {
  return /url\(|@import/i.test(decodeCssEscapes(value)) ? neutraliseCss(value) : value;
}

function keepAttribute(name: string, value: string): boolean {
  if (!NAME.test(name)) return false;
  const local = localName(name);
  if (local.startsWith('on')) return false;
  if (local === 'href') return value.trim().startsWith('#');
  if (name.toLowerCase() === 'xml:base' || local === 'src') return false;
  return true;
}

/** Characters XML 1.0 forbids (a decoded `\C` is U+000C) are dropped, so the renderer can parse what we write. */
function escapeText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function attributesOf(node: XmlNode): string {
  const attributes = node[':@'] as Record<string, unknown> | undefined;
  if (!attributes) return '';
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' || !keepAttribute(name, value)) continue;
    out += ` ${name}="${escapeAttribute(neutraliseAttribute(value))}"`;
  }
  return out;
}

/** Writes the kept nodes back as XML. Depth is bounded by the parser's nesting cap. */
function serialise(nodes: unknown, inStyle: boolean, out: string[]): void {
  if (!Array.isArray(nodes)) return;
  for (const node of nodes as XmlNode[]) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined) continue;
    const children = node[name];
    if (name === '#text') {
      out.push(escapeText(inStyle ? neutraliseCss(String(children)) : String(children)));
    } else if (name === '#cdata') {
      serialise(children, inStyle, out);
    } else if (!name.startsWith('?') && !name.startsWith('!') && NAME.test(name) && !DROPPED_ELEMENTS.has(localName(name))) {
      const childList = Array.isArray(children) ? children : [];
      out.push(`<${name}${attributesOf(node)}`);
      if (childList.length === 0) {
        out.push('/>');
        continue;
      }
      out.push('>');
      serialise(childList, inStyle || localName(name) === 'style', out);
      out.push(`</${name}>`);
    }
  }
}

/** The SVG reduced to what drawing needs; throws SvgRefusedError for documents over the caps or not well-formed. */
export function sanitizeSvg(svg: string): string {
  if (Buffer.byteLength(svg, 'utf8') > SVG_MAX_BYTES) {
    throw new SvgRefusedError(`SVG is over the ${SVG_MAX_BYTES / 1024 / 1024} MB limit for vector images`);
  }
  let tree: unknown;
  try {
    tree = parser.parse(svg);
  } catch (error) {
    const message = (error as Error).message;
    if (/nested tags/i.test(message)) throw new SvgRefusedError(`SVG nests elements more than ${SVG_MAX_DEPTH} levels deep`);
    if (/external entit/i.test(message)) throw new SvgRefusedError('SVG declares an external entity');
    if (/entit|expan/i.test(message)) throw new SvgRefusedError('SVG entities expand past the safe limit (an "entity bomb")');
    throw new SvgRefusedError(`SVG is not well-formed XML (${message.split('\n')[0]})`);
  }
  // Only elements at the top level: stray text outside the root is not part of the drawing.
  const roots = (Array.isArray(tree) ? tree : []).filter((node: XmlNode) => !('#text' in node));
  const out: string[] = [];
  serialise(roots, false, out);
  return out.join('');
}

export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<svg') || ((head.startsWith('<?xml') || head.startsWith('<!doctype') || head.startsWith('<!--')) && head.includes('<svg'));
}
