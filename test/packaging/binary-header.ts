// Identifies native binaries by their first bytes: ELF, Mach-O (thin or universal) and PE, with the CPU.
import type { BinaryFormat, CpuArch } from '../../scripts/vsix/targets.ts';

export interface BinaryKind {
  format: BinaryFormat;
  /** CPU architectures in the file (a universal Mach-O may hold several); 'other' for anything but x64/arm64. */
  archs: (CpuArch | 'other')[];
}

const ELF_MACHINES: Record<number, CpuArch> = { 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPUS: Record<number, CpuArch> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES: Record<number, CpuArch> = { 0x8664: 'x64', 0xaa64: 'arm64' };

/** The kind of native binary `head` (the file's first bytes, 4 KiB is plenty) starts, or null if none. */
export function binaryKind(head: Buffer): BinaryKind | null {
  if (head.length < 8) return null;
  if (head.readUInt32BE(0) === 0x7f454c46) {
    const littleEndian = head[5] === 1;
    const machine = littleEndian ? head.readUInt16LE(18) : head.readUInt16BE(18);
    return { format: 'elf', archs: [ELF_MACHINES[machine] ?? 'other'] };
  }
  const magicLE = head.readUInt32LE(0);
  if (magicLE === 0xfeedfacf || magicLE === 0xfeedface) {
    return { format: 'macho', archs: [MACHO_CPUS[head.readUInt32LE(4)] ?? 'other'] };
  }
  // Universal binaries are big-endian: magic, count, then 20-byte fat_arch records (cputype first).
  // Java class files share the magic, but their "count" (a version number) is far above any arch count.
  if (head.readUInt32BE(0) === 0xcafebabe && head.readUInt32BE(4) > 0 && head.readUInt32BE(4) < 8) {
    const count = head.readUInt32BE(4);
    const archs = Array.from({ length: count }, (_, i) => MACHO_CPUS[head.readUInt32BE(8 + i * 20)] ?? 'other');
    return { format: 'macho', archs };
  }
  if (head.toString('latin1', 0, 2) === 'MZ' && head.length >= 64) {
    const peOffset = head.readUInt32LE(0x3c);
    if (peOffset + 6 <= head.length && head.readUInt32BE(peOffset) === 0x50450000) {
      return { format: 'pe', archs: [PE_MACHINES[head.readUInt16LE(peOffset + 4)] ?? 'other'] };
    }
  }
  return null;
}
