/*
 * casefolio dossier <case>... -o out.pdf: compiles cases into a PDF dossier through the contract's
 * dossier:export call, printing progress on stderr while it works and the warnings at the end (also with
 * --json, whose result carries them too). With --strict, a dossier written with warnings (an exhibit left
 * out, a fingerprint that no longer matches) exits with STRICT_WARNING_EXIT, so a script can tell it from a
 * clean build (0) and from a failure (1).
 */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { CallProgress } from '../../shared/api/types';
import { CITATION_STYLE_IDS, type CitationStyleId } from '../../shared/citation-styles';
import { DOSSIER_SECTIONS, PAPER_SIZES, type DossierSection, type PaperSize } from '../../shared/dossier';
import { keepHeapTight } from '../heap';
import { plural, print, printJson } from '../io';
import { phaseTimes } from '../phase-times';
import { withLibrary, type GlobalOptions } from '../library-access';

interface DossierCommandOptions {
  output: string;
  title?: string;
  sections?: DossierSection[];
  bates?: string;
  batesStart?: number;
  batesDigits?: number;
  marking?: string;
  date?: string;
  compiledBy?: string;
  style?: CitationStyleId;
  timeline?: boolean;
  paper?: PaperSize;
  pdfa?: boolean;
  redact?: boolean;
  json?: boolean;
  quiet?: boolean;
  strict?: boolean;
}

/** The exit code of a dossier written with warnings under --strict. */
export const STRICT_WARNING_EXIT = 3;

function parseSections(value: string): DossierSection[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = list.filter((s) => !(DOSSIER_SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new InvalidArgumentError(`unknown section ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${DOSSIER_SECTIONS.join(', ')}.`);
  return list as DossierSection[];
}

function parseStyle(value: string): CitationStyleId {
  const style = CITATION_STYLE_IDS.find((id) => id === value.trim().toLowerCase());
  if (!style) throw new InvalidArgumentError(`unknown citation style "${value}"; choose from ${CITATION_STYLE_IDS.join(', ')}.`);
  return style;
}

function parsePaper(value: string): PaperSize {
  const paper = PAPER_SIZES.find((size) => size.toLowerCase() === value.trim().toLowerCase());
  if (!paper) throw new InvalidArgumentError(`unknown paper size "${value}"; choose from ${PAPER_SIZES.join(', ')}.`);
  return paper;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

const PHASES: Record<string, string> = { exhibits: 'Reading exhibits', layout: 'Laying out', pages: 'Writing pages', save: 'Saving' };

/** Progress on stderr: one self-rewriting line on a terminal, otherwise a line per phase and per 100 pages. */
function progressPrinter(stream: NodeJS.WriteStream): { update: (p: CallProgress) => void; end: () => void } {
  let lastPhase = '';
  let lastLogged = -1;
  let dirty = false;
  return {
    update(p) {
      const text = `${PHASES[p.phase] ?? p.phase}${p.total > 1 ? ` ${p.done}/${p.total}` : '…'}`;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        dirty = true;
      } else if (p.phase !== lastPhase || (p.phase === 'pages' && p.done - lastLogged >= 100)) {
        stream.write(`${text}\n`);
        lastLogged = p.done;
      }
      lastPhase = p.phase;
    },
    end() {
      if (dirty) stream.write('\r\x1b[2K');
    },
  };
}

export function registerDossierCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('dossier <case...>')
    .description('compile cases into a paginated, hyperlinked PDF dossier (<case> is a slug or an id)')
    .requiredOption('-o, --output <file>', 'the PDF to write')
    .option('--title <title>', 'the dossier’s title (default: the cases’ titles)')
    .option('--sections <list>', `comma-separated parts to include (default all): ${DOSSIER_SECTIONS.join(',')}`, parseSections)
    .option('--bates <prefix>', 'stamp every page with a Bates number, e.g. MET → MET-000001')
    .option('--bates-start <n>', 'the first Bates number (default 1)', parseCount)
    .option('--bates-digits <n>', 'digits in a Bates number (default 6)', parseCount)
    .option('--marking <text>', 'a marking for the cover and every page, e.g. CONFIDENTIAL')
    .option('--date <YYYY-MM-DD>', 'the date compiled (default today); the same date rebuilds the same file')
    .option('--compiled-by <name>', 'who compiled it (default: the library’s user name)')
    .option('--style <style>', `how sources are cited: ${CITATION_STYLE_IDS.join(', ')} (default oscola)`, parseStyle)
    .option('--timeline', 'draw each case’s chronology as a timeline figure before its table')
    .option('--paper <size>', `the paper of the dossier's own pages: ${PAPER_SIZES.join(', ')} (default A4)`, parsePaper)
    .option('--pdfa', 'write an archival PDF/A-1b file (exhibits that break its rules are named in a warning)')
    .option('--redact', 'a redacted copy for publication: anonymised people’s names replaced by their ciphers, checked before it is written; a redaction log is written beside it')
    .option('--json', 'print the result (pages, warnings, page map) as JSON')
    .option('--quiet', 'no progress on stderr')
    .option('--strict', `exit with code ${STRICT_WARNING_EXIT} when the dossier was written with warnings (an exhibit left out, a hash mismatch)`)
    .action((cases: string[], o: DossierCommandOptions) => {
      // A dossier of thousands of pages allocates for seconds: collect sooner rather than let the peak grow.
      keepHeapTight();
      const phases = phaseTimes();
      phases.mark('command parsed');
      return withLibrary(globals(), 'read', async (api) => {
        phases.mark('library open');
        const printer = o.quiet ? undefined : progressPrinter(process.stderr);
        let lastPhase = '';
        const progress = (p: CallProgress) => {
          if (p.phase !== lastPhase) phases.mark(`start ${(lastPhase = p.phase)}`);
          printer?.update(p);
        };
        const bates = o.bates ? { prefix: o.bates, start: o.batesStart, digits: o.batesDigits } : undefined;
        let result;
        try {
          result = await api['dossier:export'](
            {
              cases,
              outputPath: path.resolve(o.output),
              title: o.title,
              sections: o.sections,
              compiledBy: o.compiledBy,
              buildDate: o.date,
              marking: o.marking,
              bates,
              citationStyle: o.style,
              timelineFigure: o.timeline,
              paperSize: o.paper,
              pdfa: o.pdfa,
              redact: o.redact,
            },
            { progress },
          );
        } finally {
          printer?.end();
        }
        phases.mark('dossier written'); // only when it was: a failed export's time is not reported as a dossier's
        // Warnings go to stderr whatever the output format: stdout stays the report (or the JSON) alone.
        for (const w of result.warnings) process.stderr.write(`warning: ${w.message} [${w.code}]\n`);
        if (o.strict && result.warnings.length) {
          process.stderr.write(`casefolio: the dossier was written with ${plural(result.warnings.length, 'warning')}; --strict makes that a failure (exit ${STRICT_WARNING_EXIT}).\n`);
          process.exitCode = STRICT_WARNING_EXIT;
        }
        if (o.json) {
          printJson(result);
          return;
        }
        const size = result.size >= 1024 * 1024 ? `${(result.size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(result.size / 1024)} KB`;
        const warned = result.warnings.length ? `, ${plural(result.warnings.length, 'warning')}` : '';
        print(`Wrote ${result.path}: ${result.pages} pages, ${size}${warned}`);
        const log = result.redactionLog;
        if (log) {
          print(`Redacted: ${plural(log.replaced, 'name')} replaced, ${plural(log.pagesRebuilt, 'exhibit page')} rebuilt, ${log.reviewByHand} to review by hand.`);
          print(`Redaction log (names the people left out; keep it within the legal team): ${log.textPath} and ${log.jsonPath}`);
        }
      });
    });
}
