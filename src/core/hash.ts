// Stage 2: an image's identity is the hash of its bytes, so renames, moves and duplicates cost nothing.
import { createHash } from 'node:crypto';

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
