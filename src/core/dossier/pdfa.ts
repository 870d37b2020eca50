/*
 * PDF/A-1b (ISO 19005-1, level B): what makes a dossier an archival file beyond what every dossier already has
 * (embedded fonts, no encryption, nothing loaded from outside).
 *
 * Why part 1b: it is the part that a validator available offline (Apache PDFBox's preflight) checks in full, so the
 * test suite proves conformance rather than hoping for it. Part 1 asks for PDF 1.4 structure (writer.ts writes a
 * classic cross-reference table for it), an XMP packet saying the same as the information dictionary, an output
 * intent with an ICC profile (sRGB, so that DeviceRGB and DeviceGray are defined colours), a CIDSet for every
 * subset CID font (font-embed.ts) and the print flag on every annotation (navigation.ts).
 *
 * The sRGB profile is the International Color Consortium's sRGB v2 profile ("sRGB2014"), which the ICC lets anyone
 * copy and embed without restriction; it reaches us inside the pdfkit package (MIT), which ships it for its own PDF/A
 * output. Only that file of pdfkit is used.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { flateStream } from './typesetting/render';

const requireFromHere = createRequire(import.meta.url);
let srgbProfile: Uint8Array | undefined;

/** The sRGB ICC profile's bytes (pdfkit keeps it beside its entry point; the file is not in its exports map). */
export function srgbIccProfile(): Uint8Array {
  srgbProfile ??= readFileSync(join(dirname(requireFromHere.resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc'));
  return srgbProfile;
}

/** What the information dictionary says, so that the XMP packet can say the same. */
export interface DocumentInfo {
  title: string;
  author?: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  /** Creation and modification date (the build date). */
  date: Date;
}

/** The catalog entries PDF/A-1b asks for: /Metadata (an uncompressed XMP stream) and an sRGB /OutputIntents. */
/** `claim`: identify the file as PDF/A-1b in the XMP packet (false when an exhibit makes that untrue). */
export function applyPdfA(doc: PDFDocument, info: DocumentInfo, options: { claim: boolean }): void {
  const { context, catalog } = doc;
  // PDF/A-1 (6.7.2) wants the packet readable without a PDF parser: no filter on the metadata stream.
  const xmp = context.stream(Buffer.from(xmpPacket(info, options.claim), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(xmp));
  const profile = context.register(flateStream(context, srgbIccProfile(), { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** XMP's date form of the information dictionary's D:YYYYMMDDHHmmSSZ. */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function xmpPacket(info: DocumentInfo, claim = true): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const date = xmpDate(info.date);
  return [
    // The BOM-less begin attribute is allowed; the id is the fixed one every XMP packet carries.
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(info.title)}</dc:title>`,
    ...(info.author ? [`<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    `<dc:description>${alt(info.subject)}</dc:description>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Keywords>${escapeXml(info.keywords)}</pdf:Keywords>`,
    `<pdf:Producer>${escapeXml(info.producer)}</pdf:Producer>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>${escapeXml(info.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    ...(claim
      ? [
          '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
          '<pdfaid:part>1</pdfaid:part>',
          '<pdfaid:conformance>B</pdfaid:conformance>',
          '</rdf:Description>',
        ]
      : []),
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** A CIDSet stream's bytes: one bit per CID present in the subset font program (glyph ids 0…count-1). */
export function cidSetBytes(glyphCount: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(glyphCount / 8));
  for (let cid = 0; cid < glyphCount; cid++) bits[cid >> 3] |= 0x80 >> (cid & 7);
  return bits;
}
