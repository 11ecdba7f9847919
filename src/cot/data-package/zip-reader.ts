import { inflateRawSync } from 'node:zlib';
import { invalid } from '../../domain/errors.ts';

/** An entry of a zip's central directory. */
export interface ZipDirectoryEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** The most the entries may add up to once inflated. */
  maxTotalSize: number;
}

const field = 'package';

/**
 * Whether an entry name is a plain relative path: no absolute path, drive letter, backslash,
 * `..` segment or NUL, so no unzipping client writes outside the package's folder.
 */
export function safeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 512) return false;
  if (name.startsWith('/') || name.includes('\\') || name.includes('\0') || /^[A-Za-z]:/.test(name)) return false;
  return !name.split('/').some((s) => s === '..');
}

/** The central directory of a zip, its names and sizes checked before anything is inflated. */
export function readZipDirectory(zip: Buffer, limits: ZipLimits): ZipDirectoryEntry[] {
  const min = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= min; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw invalid(field, 'not a zip file (no end of central directory)');
  const count = zip.readUInt16LE(end + 10);
  const dirSize = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  if (count > limits.maxEntries) throw invalid(field, `more than ${limits.maxEntries} entries`);
  if (at + dirSize > end) throw invalid(field, 'the zip central directory lies outside the file');
  const entries: ZipDirectoryEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== 0x02014b50) throw invalid(field, 'a damaged zip central directory');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 1) throw invalid(field, `entry "${name}" is encrypted`);
    if (!safeEntryName(name)) throw invalid(field, `entry name "${name}" is not a plain relative path`);
    if (method !== 0 && method !== 8) throw invalid(field, `entry "${name}" uses an unsupported compression`);
    total += size;
    if (total > limits.maxTotalSize)
      throw invalid(field, `the entries add up to more than ${limits.maxTotalSize} bytes`);
    entries.push({ name, method, compressedSize, size, localOffset });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** The bytes of one entry, inflated no further than its declared size. */
export function readZipEntry(zip: Buffer, e: ZipDirectoryEntry): Buffer {
  const at = e.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw invalid(field, `entry "${e.name}" is damaged`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const body = zip.subarray(start, start + e.compressedSize);
  if (body.length !== e.compressedSize) throw invalid(field, `entry "${e.name}" is cut short`);
  if (e.method === 0) return Buffer.from(body);
  try {
    return inflateRawSync(body, { maxOutputLength: Math.max(1, e.size) });
  } catch {
    throw invalid(field, `entry "${e.name}" does not inflate to its declared size`);
  }
}
