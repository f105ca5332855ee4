// SVGs are rasterised with no external loading at all: scripts, external references and remote
// stylesheets are removed before librsvg ever sees the document.
const SCRIPT_ELEMENT = /<script\b[\s\S]*?(?:<\/script\s*>|$)/gi;
const FOREIGN_OBJECT = /<foreignObject\b[\s\S]*?(?:<\/foreignObject\s*>|$)/gi;
const EXTERNAL_HREF = /\s(?:xlink:)?href\s*=\s*("(?!#|data:)[^"]*"|'(?!#|data:)[^']*')/gi;
const EVENT_HANDLER = /\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;
const CSS_EXTERNAL_URL = /url\(\s*(['"]?)(?!#|data:)[^)]*\1\s*\)/gi;
const DOCTYPE = /<!DOCTYPE[^[>]*(?:\[([\s\S]*?)\]\s*)?>/i;
const INTERNAL_ENTITY = /<!ENTITY\s+([\w.-]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;

/**
 * Drops the DOCTYPE, expanding its internal entities once (Illustrator writes `xmlns="&ns_svg;"`):
 * no external entity can load, and nested entities cannot multiply (no "billion laughs").
 */
function withoutDoctype(svg: string): string {
  const doctype = DOCTYPE.exec(svg);
  if (!doctype) return svg;
  const entities = new Map<string, string>();
  for (const match of (doctype[1] ?? '').matchAll(INTERNAL_ENTITY)) entities.set(match[1]!, match[2] ?? match[3] ?? '');
  const body = svg.slice(0, doctype.index) + svg.slice(doctype.index + doctype[0].length);
  if (entities.size === 0) return body;
  return body.replace(/&([\w.-]+);/g, (reference, name: string) => entities.get(name) ?? reference);
}

export function sanitizeSvg(svg: string): string {
  return withoutDoctype(svg)
    .replace(SCRIPT_ELEMENT, '')
    .replace(FOREIGN_OBJECT, '')
    .replace(EXTERNAL_HREF, '')
    .replace(EVENT_HANDLER, '')
    .replace(CSS_IMPORT, '')
    .replace(CSS_EXTERNAL_URL, 'none');
}

export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<svg') || ((head.startsWith('<?xml') || head.startsWith('<!doctype') || head.startsWith('<!--')) && head.includes('<svg'));
}
