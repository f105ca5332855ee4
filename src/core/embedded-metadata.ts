// Stage 4a: tags the file already carries: SVG <title>/<desc> and RDF Dublin Core, XMP dc:* in
// raster files, IPTC keywords, EXIF descriptions and PNG text chunks. Free, before any cloud call.
import { XMLParser } from 'fast-xml-parser';
import exifr from 'exifr';
import type { Metadata } from 'sharp';
import type { Tag, TagField } from './types.ts';
import { TagCollector } from './tag-limits.ts';

/** Metadata XML bigger than this (an SVG drawing, mostly) is not parsed for tags: the tree would cost many times the text. */
export const MAX_METADATA_XML_CHARS = 2 * 1024 * 1024;

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: () => true,
});

type XmlNode = Record<string, unknown>;

/** Dublin Core elements we read, and where they go. Agents (creator, rights, publisher) are people, not content. */
const DC_FIELDS: Record<string, TagField> = { title: 'title', description: 'description', subject: 'keyword', desc: 'description' };
const SKIPPED_ELEMENTS = new Set(['creator', 'rights', 'publisher', 'contributor', 'Agent', 'License', 'license', 'style', 'script', 'defs', 'namedview']);

function textOf(node: unknown, out: string[]): void {
  if (typeof node === 'string' || typeof node === 'number') {
    const text = String(node).trim();
    if (text) out.push(text);
  } else if (Array.isArray(node)) {
    for (const item of node) textOf(item, out);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as XmlNode)) {
      if (!SKIPPED_ELEMENTS.has(key)) textOf(value, out);
    }
  }
}

function collectDublinCore(node: unknown, found: TagCollector): void {
  if (Array.isArray(node)) {
    for (const item of node) collectDublinCore(item, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (SKIPPED_ELEMENTS.has(key)) continue;
    const field = DC_FIELDS[key];
    if (field) {
      const texts: string[] = [];
      textOf(value, texts);
      for (const text of texts) pushTag(found, text, field);
    } else {
      collectDublinCore(value, found);
    }
  }
}

function pushTag(found: TagCollector, raw: string, field: TagField): void {
  const pieces = field === 'keyword' ? raw.split(/[,;]/) : [raw];
  for (const piece of pieces) found.add(piece, 'embedded', field);
}

/** Title, description and subjects from an XML document: an SVG, or an XMP packet. */
export function xmlMetadataTags(xml: string): Tag[] {
  const found = new TagCollector();
  collectXmlMetadata(xml, found);
  return found.tags;
}

function collectXmlMetadata(xml: string, found: TagCollector): void {
  if (xml.length > MAX_METADATA_XML_CHARS) return;
  try {
    collectDublinCore(xmlParser.parse(xml), found);
  } catch {
    // Malformed (or nested past the parser's cap) XML carries no tags we can trust; the image itself is still indexed.
  }
}

const PNG_TEXT_FIELDS: Record<string, TagField> = {
  title: 'title',
  description: 'description',
  comment: 'description',
  subject: 'description',
  keywords: 'keyword',
};

function stringsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value instanceof Uint8Array) return [];
  return [String(value)];
}

async function exifAndIptcTags(bytes: Buffer, found: TagCollector): Promise<void> {
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = await exifr.parse(bytes, {
      tiff: true, exif: false, gps: false, iptc: true, xmp: false, icc: false, ihdr: false,
      pick: ['ImageDescription', 'XPTitle', 'XPSubject', 'XPKeywords', 'XPComment', 'Keywords', 'ObjectName', 'Headline', 'Caption'],
    });
  } catch {
    return;
  }
  if (!parsed) return;
  const mapping: [string, TagField][] = [
    ['ObjectName', 'title'], ['Headline', 'title'], ['XPTitle', 'title'],
    ['Keywords', 'keyword'], ['XPKeywords', 'keyword'],
    ['ImageDescription', 'description'], ['Caption', 'description'], ['XPSubject', 'description'], ['XPComment', 'description'],
  ];
  for (const [key, field] of mapping) for (const text of stringsOf(parsed[key])) pushTag(found, text, field);
}

export async function embeddedTags(path: string, bytes: Buffer, metadata: Metadata): Promise<Tag[]> {
  const found = new TagCollector();
  // An SVG's text is checked for size before it is even decoded to a string.
  if (metadata.format === 'svg' && bytes.length <= MAX_METADATA_XML_CHARS) collectXmlMetadata(bytes.toString('utf8'), found);
  if (metadata.xmp && metadata.xmp.length <= MAX_METADATA_XML_CHARS) collectXmlMetadata(metadata.xmp.toString('utf8'), found);
  for (const comment of metadata.comments ?? []) {
    const field = PNG_TEXT_FIELDS[comment.keyword.toLowerCase()];
    if (field) pushTag(found, comment.text, field);
    else if (comment.keyword === 'XML:com.adobe.xmp') collectXmlMetadata(comment.text, found);
  }
  if (metadata.format === 'jpeg' || metadata.format === 'tiff' || metadata.format === 'png' || metadata.format === 'webp') {
    if (metadata.exif || metadata.iptc) await exifAndIptcTags(bytes, found);
  }
  return found.tags;
}
