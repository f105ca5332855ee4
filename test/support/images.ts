// Real images for tests, made with sharp.
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

export function tempDir(prefix = 'asset-lens-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function ensureParent(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
}

export type Color = { r: number; g: number; b: number };

/** A picture with a coloured background and a contrasting square, so dHash and palette have something to see. */
export async function solidImage(width: number, height: number, background: Color, square?: Color): Promise<Sharp> {
  const base = sharp({ create: { width, height, channels: 3, background } });
  if (!square) return base;
  const size = Math.max(1, Math.floor(Math.min(width, height) / 2));
  const overlay = await sharp({ create: { width: size, height: size, channels: 3, background: square } }).png().toBuffer();
  return sharp(await base.png().toBuffer()).composite([{ input: overlay, left: Math.floor(width / 8), top: Math.floor(height / 8) }]);
}

export async function writePng(path: string, width: number, height: number, background: Color, square?: Color): Promise<void> {
  ensureParent(path);
  await (await solidImage(width, height, background, square)).png().toFile(path);
}

export async function writeJpeg(path: string, width: number, height: number, background: Color, options: { xmp?: string; exif?: Record<string, Record<string, string>> } = {}): Promise<void> {
  ensureParent(path);
  let image = (await solidImage(width, height, background, { r: 255 - background.r, g: 255 - background.g, b: 255 - background.b })).jpeg({ quality: 85 });
  if (options.exif) image = image.withExif(options.exif);
  if (options.xmp) image = image.withXmp(options.xmp);
  await image.toFile(path);
}

export function xmpPacket(fields: { title?: string; description?: string; subjects?: string[] }): string {
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${value}</rdf:li></rdf:Alt>`;
  return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">${
    fields.title ? `<dc:title>${alt(fields.title)}</dc:title>` : ''
  }${fields.description ? `<dc:description>${alt(fields.description)}</dc:description>` : ''}${
    fields.subjects ? `<dc:subject><rdf:Bag>${fields.subjects.map((s) => `<rdf:li>${s}</rdf:li>`).join('')}</rdf:Bag></dc:subject>` : ''
  }</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

export function svgDocument(fields: { title?: string; desc?: string; subjects?: string[]; fill?: string; body?: string }): string {
  const rdf = fields.subjects
    ? `<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://web.resource.org/cc/"><cc:Work rdf:about=""><dc:subject><rdf:Bag>${fields.subjects
        .map((s) => `<rdf:li>${s}</rdf:li>`)
        .join('')}</rdf:Bag></dc:subject><dc:creator><cc:Agent><dc:title>Jane Painter</dc:title></cc:Agent></dc:creator></cc:Work></rdf:RDF></metadata>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">${fields.title ? `<title>${fields.title}</title>` : ''}${
    fields.desc ? `<desc>${fields.desc}</desc>` : ''
  }${rdf}<rect width="120" height="80" fill="${fields.fill ?? '#3366ff'}"/><circle cx="60" cy="40" r="20" fill="#ffffff"/>${fields.body ?? ''}</svg>`;
}

export function writeText(path: string, text: string | Buffer): void {
  ensureParent(path);
  writeFileSync(path, text);
}

/** The PNG with one tEXt chunk (keyword, text) added after IHDR, as metadata writers put it. */
export function withPngTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const type = Buffer.from('tEXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const afterHeader = 8 + 25; // signature + IHDR chunk
  return Buffer.concat([png.subarray(0, afterHeader), length, type, data, crc, png.subarray(afterHeader)]);
}
