import fs from 'node:fs/promises';
import zlib from 'node:zlib';

/** Limits on what a ZIP container (an XLSX file) may unpack to. */
export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

export class ZipRefused extends Error {}

/**
 * Checks a ZIP file before anything unpacks it (zip bombs): the number of
 * entries and the total size they unpack to, first as the central directory
 * declares them, then by inflating each entry with an output cap — a lying
 * directory cannot get past the second. Throws ZipRefused.
 */
export async function checkZip(path: string, limits: ZipLimits): Promise<void> {
  const file = await fs.open(path, 'r');
  try {
    const { size } = await file.stat();
    // End of central directory: 22 bytes plus a comment of up to 65,535.
    const tailLength = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new ZipRefused('not a ZIP container');
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff) throw new ZipRefused('ZIP64 containers are not accepted');
    if (entries > limits.maxEntries) throw new ZipRefused(`it holds ${entries} entries; at most ${limits.maxEntries} are accepted`);
    if (directoryOffset + directorySize > size) throw new ZipRefused('its central directory is damaged');
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const found: { method: number; compressed: number; uncompressed: number; localOffset: number }[] = [];
    let declared = 0;
    for (let at = 0, i = 0; i < entries; i++) {
      if (directory.readUInt32LE(at) !== 0x02014b50) throw new ZipRefused('its central directory is damaged');
      const entry = {
        method: directory.readUInt16LE(at + 10),
        compressed: directory.readUInt32LE(at + 20),
        uncompressed: directory.readUInt32LE(at + 24),
        localOffset: directory.readUInt32LE(at + 42),
      };
      declared += entry.uncompressed;
      found.push(entry);
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    if (declared > limits.maxUncompressedBytes) throw new ZipRefused(`it unpacks to ${declared} bytes; at most ${limits.maxUncompressedBytes} are accepted`);
    let actual = 0;
    for (const entry of found) {
      if (entry.method !== 0 && entry.method !== 8) throw new ZipRefused(`an entry uses compression method ${entry.method}`);
      const header = Buffer.alloc(30);
      await file.read(header, 0, 30, entry.localOffset);
      if (header.readUInt32LE(0) !== 0x04034b50) throw new ZipRefused('an entry is damaged');
      const dataStart = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const data = Buffer.alloc(entry.compressed);
      await file.read(data, 0, entry.compressed, dataStart);
      const cap = Math.min(entry.uncompressed, limits.maxUncompressedBytes - actual);
      let length: number;
      try {
        length = entry.method === 0 ? data.length : zlib.inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) }).length;
      } catch {
        throw new ZipRefused('an entry unpacks to more than it declares, or is damaged');
      }
      if (length > entry.uncompressed) throw new ZipRefused('an entry unpacks to more than it declares');
      actual += length;
    }
  } finally {
    await file.close();
  }
}
