/*
 * The naive baseline as a whole process: reads the benchmark's text (paragraphs separated by blank lines), sets it
 * with pdf-lib's drawText in a standard or embedded font until it fills the given number of pages, writes the PDF.
 *   node naive-dossier.mjs <text file> <pages> <standard|embedded> <out.pdf>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { naiveDossier } from '../naive-baseline';

const [textFile, pages, font, out] = process.argv.slice(2);
const paragraphs = readFileSync(textFile, 'utf8').split('\n\n');
writeFileSync(out, await naiveDossier(paragraphs, Number(pages), font === 'embedded' ? 'embedded' : 'standard'));
