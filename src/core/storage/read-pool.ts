/*
 * Reading many files one after another into one reused buffer. Opening or warming a large library reads
 * hundreds of case files of a few hundred kilobytes; a fresh Buffer for each is memory outside the V8
 * heap that the allocator seldom hands back, so the process would keep the whole library's size in
 * freed buffers. The bytes returned are only valid until the next read from the same pool: callers
 * decode and hash them at once. One pool per sequential reader (never shared between an asynchronous
 * read in flight and anything else).
 */
import { closeSync, fstatSync, openSync, readSync, promises as fs } from 'node:fs';

/** A file larger than the pool may read: it is refused after a stat, before a byte is read into memory. */
export class FileTooLarge extends Error {
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`the file is ${size} bytes, more than the ${maxBytes} a pool may read`);
  }
}

export class ReadPool {
  private buffer = Buffer.alloc(0);

  constructor(private readonly maxBytes = Infinity) {}

  private checkSize(size: number): void {
    if (size > this.maxBytes) throw new FileTooLarge(size, this.maxBytes);
  }

  private ensure(size: number): Buffer {
    if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(Math.max(size, Math.ceil(this.buffer.length * 1.5), 64 * 1024));
    return this.buffer;
  }

  async read(file: string): Promise<Buffer> {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      this.checkSize(size);
      const buffer = this.ensure(size);
      let done = 0;
      while (done < size) {
        const { bytesRead } = await handle.read(buffer, done, size - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    } finally {
      await handle.close();
    }
  }

  readSync(file: string): Buffer {
    const fd = openSync(file, 'r');
    try {
      const { size } = fstatSync(fd);
      this.checkSize(size);
      const buffer = this.ensure(size);
      let done = 0;
      while (done < size) {
        const bytesRead = readSync(fd, buffer, done, size - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    } finally {
      closeSync(fd);
    }
  }
}
