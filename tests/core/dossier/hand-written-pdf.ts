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

/** A PDF text string in UTF-16BE with its byte order mark, as hex: `<FEFF…>`. */
export const utf16Hex = (text: string) => `<FEFF${[...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase()}>`;

/**
 * Three pages with bookmarks and links as LaTeX's hyperref and office suites write them: explicit destinations,
 * a string looked up in a /Dests name tree split over two leaves, a name looked up in the catalog's /Dests (PDF
 * 1.1), GoTo actions given directly and by reference, a UTF-16 title, one bookmark open and one closed, and one
 * bookmark whose name is defined nowhere. Page 1 links to "chapter.1" (page 2), "sec.1.1" (page 3), /annex
 * (page 3) and, through an indirect action, "chapter.1" again.
 */
export function bookmarkedPdf(): Uint8Array {
  const text = (s: string) => stream(`BT /F1 24 Tf 30 150 Td (${s}) Tj ET`);
  return handWritten([
    '<< /Type /Catalog /Pages 2 0 R /Outlines 9 0 R /Names << /Dests 15 0 R >> /Dests 18 0 R /PageMode /UseOutlines >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /MediaBox [0 0 400 300] /Resources << /Font << /F1 6 0 R >> >> >>',
    '<< /Type /Page /Parent 2 0 R /Contents 7 0 R /Annots [19 0 R 20 0 R 21 0 R 22 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /Contents 8 0 R >>',
    '<< /Type /Page /Parent 2 0 R /Contents 23 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    text('Contents of the report'),
    text('Chapter one'),
    '<< /Type /Outlines /First 10 0 R /Last 12 0 R /Count 3 >>',
    '<< /Title (Chapter one) /Parent 9 0 R /Next 12 0 R /First 11 0 R /Last 11 0 R /Count 1 /Dest [4 0 R /XYZ 0 250 null] >>',
    '<< /Title (Section 1.1) /Parent 10 0 R /A << /S /GoTo /D (sec.1.1) >> >>',
    `<< /Title ${utf16Hex('Annex – Zoë')} /Parent 9 0 R /Prev 10 0 R /First 13 0 R /Last 14 0 R /Count -2 /Dest /annex >>`,
    '<< /Title (Schedule) /Parent 12 0 R /Next 14 0 R /A 24 0 R >>',
    '<< /Title (Withdrawn) /Parent 12 0 R /Prev 13 0 R /Dest (no-such-name) >>',
    '<< /Kids [16 0 R 17 0 R] >>',
    '<< /Limits [(chapter.1) (chapter.1)] /Names [(chapter.1) [4 0 R /Fit]] >>',
    '<< /Limits [(sec.1.1) (sec.1.1)] /Names [(sec.1.1) 25 0 R] >>',
    '<< /annex [5 0 R /FitH 280] >>',
    '<< /Type /Annot /Subtype /Link /Rect [30 100 130 120] /Border [0 0 0] /Dest (chapter.1) >>',
    '<< /Type /Annot /Subtype /Link /Rect [30 80 130 100] /Border [0 0 0] /A << /S /GoTo /D (sec.1.1) >> >>',
    '<< /Type /Annot /Subtype /Link /Rect [30 60 130 80] /Border [0 0 0] /Dest /annex >>',
    '<< /Type /Annot /Subtype /Link /Rect [30 40 130 60] /Border [0 0 0] /A 24 0 R >>',
    text('Annex'),
    '<< /S /GoTo /D (chapter.1) >>',
    '<< /D [5 0 R /XYZ 72 200 0] >>',
  ]);
}
