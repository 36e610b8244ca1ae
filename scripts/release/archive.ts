/**
 * The compressed release assets, written without any system tool so that a build on any host
 * makes the same bytes: a .tar.gz (ustar, every file at the top, owner 0, time 0) for Linux and
 * macOS, and a .zip (deflate) for Windows. Entries keep their Unix mode, so `awsmfa` unpacks
 * executable.
 */
import { promisify } from "node:util";
import { crc32, deflateRaw, gzip } from "node:zlib";

// The async forms run in libuv's thread pool: the build packs two targets while compiling others.
const gzipAsync = promisify(gzip);
const deflateRawAsync = promisify(deflateRaw);

export interface Entry {
  name: string;
  data: Uint8Array;
  /** Unix permission bits: 0o755 for the binary, 0o644 for the rest. */
  mode: number;
}

const encoder = new TextEncoder();

function tarHeader(entry: Entry): Uint8Array {
  const header = new Uint8Array(512);
  const put = (text: string, at: number) => header.set(encoder.encode(text), at);
  const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, "0")}\0`;
  if (encoder.encode(entry.name).length > 100) throw new Error(`name too long: ${entry.name}`);
  put(entry.name, 0);
  put(octal(entry.mode, 8), 100);
  put(octal(0, 8), 108); // uid
  put(octal(0, 8), 116); // gid
  put(octal(entry.data.length, 12), 124);
  put(octal(0, 12), 136); // mtime: reproducible archives
  put("        ", 148); // checksum field counts as spaces while summing
  put("0", 156); // regular file
  put("ustar\0", 257);
  put("00", 263);
  const sum = header.reduce((total, byte) => total + byte, 0);
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

export async function tarGz(entries: readonly Entry[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    parts.push(tarHeader(entry), entry.data);
    const padding = (512 - (entry.data.length % 512)) % 512;
    if (padding) parts.push(new Uint8Array(padding));
  }
  parts.push(new Uint8Array(1024)); // two zero blocks end the archive
  return gzipAsync(Buffer.concat(parts), { level: 9 });
}

export async function zip(entries: readonly Entry[]): Promise<Uint8Array> {
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const packed = await deflateRawAsync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.set(name, 30);
    const header = Buffer.alloc(46 + name.length);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(0x0314, 4); // made by Unix, so the mode below counts
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(packed.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(((0o100000 | entry.mode) << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);
    header.set(name, 46);
    locals.push(local, packed);
    central.push(header);
    offset += local.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
