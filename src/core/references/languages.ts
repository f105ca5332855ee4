// Which text files can hold image references, and which extractor reads each.

export type Language = 'markup' | 'component' | 'style' | 'markdown' | 'script' | 'json' | 'yaml';

const LANGUAGE_BY_EXTENSION: Record<string, Language> = {
  html: 'markup',
  htm: 'markup',
  xhtml: 'markup',
  php: 'markup',
  erb: 'markup',
  ejs: 'markup',
  hbs: 'markup',
  handlebars: 'markup',
  njk: 'markup',
  liquid: 'markup',
  twig: 'markup',
  jinja: 'markup',
  jinja2: 'markup',
  j2: 'markup',
  vue: 'component',
  svelte: 'component',
  astro: 'component',
  css: 'style',
  scss: 'style',
  sass: 'style',
  less: 'style',
  styl: 'style',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  js: 'script',
  jsx: 'script',
  mjs: 'script',
  cjs: 'script',
  ts: 'script',
  tsx: 'script',
  mts: 'script',
  cts: 'script',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  webmanifest: 'json',
  yaml: 'yaml',
  yml: 'yaml',
};

/** Every extension the reference scan reads (lower case). */
export const REFERENCE_SOURCE_EXTENSIONS = Object.keys(LANGUAGE_BY_EXTENSION);

export function languageOf(path: string): Language | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  return LANGUAGE_BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? null;
}

export function isReferenceSourcePath(path: string): boolean {
  return languageOf(path) !== null;
}
