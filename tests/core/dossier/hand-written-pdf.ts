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

