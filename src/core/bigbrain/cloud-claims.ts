// The CLI and the VS Code extension may tag the same index at the same time. Before a run sends
// anything it claims its images in the index; an image claimed by another live process is left to
// it, so no image is sent twice. A claim names its process: a dead owner's claims (a crash, kill -9)
// are taken over at once, and any claim older than CLAIM_TTL_MS is treated as abandoned.
import { hostname } from 'node:os';
import type { Store } from '../store/index.ts';
import { cloudClaimOf, releaseCloudClaims, takeCloudClaim } from '../store/cloud.ts';
import type { CloudWorkItem } from './cloud-work.ts';

export const CLAIM_TTL_MS = 6 * 60 * 60 * 1000;

export function claimOwner(): string {
  return `${hostname()}:${process.pid}`;
}

function ownerIsAlive(owner: string): boolean {
  const separator = owner.lastIndexOf(':');
  if (owner.slice(0, separator) !== hostname()) return true;
  try {
    process.kill(Number(owner.slice(separator + 1)), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims these images for this process and returns the ones it now holds. The claim re-checks, in the
 * same UPDATE, that the image is still in the state it was selected in: an image another process
 * finished (and released) after this one selected it is not claimed, so it is never paid for twice.
 */
export function claimWork(store: Store, items: readonly CloudWorkItem[], owner = claimOwner(), now = Date.now()): CloudWorkItem[] {
  // IMMEDIATE: the write lock is taken before reading, so two processes cannot both see a claim free.
  return store.db
    .transaction(() =>
      items.filter((item) => {
        const row = cloudClaimOf(store.db, item.assetId);
        if (!row) return false;
        const heldElsewhere = row.claim !== null && row.claim !== owner && ownerIsAlive(row.claim) && now - (row.at ?? 0) < CLAIM_TTL_MS;
        return !heldElsewhere && takeCloudClaim(store.db, item.assetId, owner, now, row.claim, item.state);
      }),
    )
    .immediate();
}

export function releaseClaims(store: Store, owner = claimOwner()): void {
  releaseCloudClaims(store.db, owner);
}
