// SVGs are rasterised with no external loading at all: scripts, external references and remote
// stylesheets are removed before librsvg ever sees the document.
const SCRIPT_ELEMENT = /<script\b[\s\S]*?(?:<\/script\s*>|$)/gi;
const FOREIGN_OBJECT = /<foreignObject\b[\s\S]*?(?:<\/foreignObject\s*>|$)/gi;
const EXTERNAL_HREF = /\s(?:xlink:)?href\s*=\s*("(?!#|data:)[^"]*"|'(?!#|data:)[^']*')/gi;
const EVENT_HANDLER = /\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;
const CSS_EXTERNAL_URL = /url\(\s*(['"]?)(?!#|data:)[^)]*\1\s*\)/gi;
const DOCTYPE_ENTITIES = /<!DOCTYPE[\s\S]*?(?:\]\s*>|>)/gi;

export function sanitizeSvg(svg: string): string {
  return svg
    .replace(DOCTYPE_ENTITIES, '')
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
