/**
 * How big a batch's sandbox must be (pure): its home (tmpfs, charged to
 * the container's memory) holds the npm cache and the unpacked tree, so a
 * large lockfile (a Next.js app carries every platform's compiler binaries)
 * needs more than one package does. Sized from the tarballs' bytes, never
 * below the configured size, never above a share of the machine's memory.
 */
const MiB = 1024 * 1024;
/** Unpacked trees run to about four times their tarballs; the cache holds the tarballs once more. */
const UNPACKED_FACTOR = 5;
const HEADROOM_BYTES = 256 * MiB;
/** A batch may take at most this share of the machine's memory for its home. */
const MAX_MEMORY_SHARE = 0.6;

export interface SandboxSize {
  readonly diskBytes: number;
  readonly memoryBytes: number;
}

export function batchSandboxSize(tarballBytes: number, configured: SandboxSize, machineMemoryBytes: number): SandboxSize {
  const wanted = Math.max(configured.diskBytes, tarballBytes * UNPACKED_FACTOR + HEADROOM_BYTES);
  const diskBytes = Math.min(wanted, Math.max(configured.diskBytes, Math.floor(machineMemoryBytes * MAX_MEMORY_SHARE) - configured.memoryBytes));
  // The home is in memory: the limit grows by what the home grew, so the package keeps the memory it was configured with.
  return { diskBytes, memoryBytes: configured.memoryBytes + (diskBytes - configured.diskBytes) };
}
