/*
 * PDFs written by hand, object by object, for tests that need a structure no PDF library would produce on its own.
 */

/** A PDF written by hand, object by object, with a classic cross-reference table. */
export function handWritten(objects: string[], root = 1): Uint8Array {
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (c) => c.charCodeAt(0));
}

export const stream = (content: string, extra = '') => `<< /Length ${content.length}${extra} >>\nstream\n${content}\nendstream`;


/**
 * A hybrid-reference file (§7.5.8.4): the font lives in an object stream, which the classic table lists as free
 * for old readers, and a cross-reference stream named by the trailer's /XRefStm says where it really is.
 */
export function hybridPdf(): Uint8Array {
  const font = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  const objStm = `6 0 ${font}`;
  const first = '6 0 '.length;
  const objects: [number, string][] = [
    [1, '<< /Type /Catalog /Pages 2 0 R >>'],
    [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R >>'],
    [4, stream('BT /F1 24 Tf 20 100 Td (Hybrid file) Tj ET')],
    [5, `<< /Type /ObjStm /N 1 /First ${first} /Length ${objStm.length} >>\nstream\n${objStm}\nendstream`],
  ];
  let body = '%PDF-1.5\n';
  const offsets = new Map<number, number>();
  for (const [num, o] of objects) {
    offsets.set(num, body.length);
    body += `${num} 0 obj\n${o}\nendobj\n`;
  }
  // Object 7: the cross-reference stream, one entry of type 2 for object 6 (in object stream 5, at index 0).
  const rows = String.fromCharCode(2, 0, 5, 0);
  offsets.set(7, body.length);
  body += `7 0 obj\n<< /Type /XRef /Size 8 /W [1 2 1] /Index [6 1] /Length ${rows.length} >>\nstream\n${rows}\nendstream\nendobj\n`;
  const xref = body.length;
  body += 'xref\n0 8\n0000000000 65535 f \n';
  for (let num = 1; num <= 7; num++) {
    body += num === 6 ? '0000000000 00001 f \n' : `${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
  }
  body += `trailer\n<< /Size 8 /Root 1 0 R /XRefStm ${offsets.get(7)} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (c) => c.charCodeAt(0));
}
