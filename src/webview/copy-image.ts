// "Copy Image": puts the image itself on the clipboard as a PNG at full size (the extension reads and
// renders it), or the thumbnail when the extension cannot (the clipboard takes PNG, not WebP).
import type { ExtensionMessage } from './protocol.ts';

type FullSizeAnswer = Extract<ExtensionMessage, { type: 'clipboardImage' }>;

export type Copied = { fullSize: true; width: number; height: number } | { fullSize: false; reason: string };

/** An answer slower than this (a huge file on a slow disk) gives up for the thumbnail. */
const FULL_SIZE_TIMEOUT_MS = 20_000;

/**
 * Writes at once, with the image still to come: a clipboard write must start while the click that asked
 * for it still counts as the user's, and the extension's answer arrives later.
 */
export async function copyImageToClipboard(fullSize: Promise<FullSizeAnswer | null>, thumbnailUrl: string): Promise<Copied> {
  let copied: Copied = { fullSize: false, reason: 'no answer from the extension' };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), FULL_SIZE_TIMEOUT_MS));
  const png = Promise.race([fullSize, timeout]).then(async (answer) => {
    if (answer?.png instanceof Uint8Array) {
      copied = { fullSize: true, width: answer.width, height: answer.height };
      return new Blob([answer.png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    }
    if (answer) copied = { fullSize: false, reason: answer.error ?? 'the image could not be read' };
    return thumbnailPng(thumbnailUrl);
  });
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
  return copied;
}

async function thumbnailPng(url: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bitmap = await createImageBitmap(await response.blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
