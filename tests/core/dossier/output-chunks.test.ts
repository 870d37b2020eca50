import { randomBytes } from 'node:crypto';
import { PDFContext, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { OutputChunks } from '../../../src/core/dossier/output-chunks';

describe("a dossier's output as chunks", () => {
  it("hands a page's content stream on as the document's own array, and holds no more memory than the bytes written", () => {
    const context = PDFContext.create();
    const out = new OutputChunks();
    const contents = Array.from({ length: 400 }, (_, i) => new Uint8Array(randomBytes(600 + (i % 7) * 500)));
    contents.forEach((data, i) => out.putIndirect(PDFRef.of(i + 1), context.stream(data)));
    const { chunks, size } = out.finish();

    expect(Buffer.concat(chunks).length).toBe(size);
    // No copy: each content array is itself one of the chunks.
    for (const data of contents) expect(chunks).toContain(data);
    // The small pieces between them ("n 0 obj", the dictionary, "endstream") share blocks: the arrays that back the
    // chunks add up to the output's size and at most one block more, not a block for each stream.
    const buffers = new Set(chunks.map((c) => c.buffer));
    const held = [...buffers].reduce((sum, b) => sum + b.byteLength, 0);
    expect(held).toBeLessThanOrEqual(size + 64 * 1024);
  });
});
