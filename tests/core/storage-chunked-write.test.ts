import { promises as fs } from 'node:fs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWriteOps, writeFileDurably, type WriteOps } from '../../src/core/storage/durable-write';

/** 3,000 chunks of 0 to 3,000 bytes, each filled with its own index, as a dossier's output is (thousands of pages). */
const chunks = Array.from({ length: 3_000 }, (_, i) => new Uint8Array((i * 7919) % 3_001).fill(i % 251));
const expected = Buffer.concat(chunks);

/** Node's operations, with a handle's writev taken away or made to write only part of what it is given. */
function opsWith(writev: 'none' | 'short'): WriteOps {
  return {
    ...nodeWriteOps,
    async open(file, flags, mode) {
      const handle = await fs.open(file, flags, mode);
      const base = { write: handle.write.bind(handle), writeFile: handle.writeFile.bind(handle), sync: handle.sync.bind(handle), close: handle.close.bind(handle) };
      if (writev === 'none') return base;
      // Writes the first buffers whole and half of the next, as a short write may: the rest must follow.
      const short = async (buffers: NodeJS.ArrayBufferView[]) => {
        const half = Math.floor(buffers.length / 2);
        const part = buffers[half] as Uint8Array;
        const written = await handle.writev([...buffers.slice(0, half), part.subarray(0, part.length >> 1)]);
        return { bytesWritten: written.bytesWritten, buffers };
      };
      return { ...base, writev: short as typeof handle.writev };
    },
  };
}

describe('a file written durably from many chunks', () => {
  it('holds every chunk in order, written in batches', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'casefolio-chunks-')), 'out.pdf');
    await writeFileDurably(file, chunks);
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  for (const writev of ['none', 'short'] as const) {
    it(`holds every chunk in order when the handle ${writev === 'none' ? 'has no writev' : 'writes only part of a batch'}`, async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'casefolio-chunks-')), 'out.pdf');
      await writeFileDurably(file, chunks, opsWith(writev));
      expect(readFileSync(file).equals(expected)).toBe(true);
    });
  }
});
