/*
 * The people register from the command line: `people` lists it, `person add|show|edit|link|unlink|delete|
 * restore` works on one person, named by id or by a name, alias or cipher. `person show` lists every mention
 * of the person's names, as the window's person page does.
 */
import { Command, InvalidArgumentError } from 'commander';
import { ApiError } from '../../shared/errors';
import type { PersonDetails, PersonMention } from '../../shared/api/people-inputs';
import { ANONYMITY_REASON_LABELS, AnonymityReason, type Person } from '../../shared/people';
import { table } from '../format';
import { collect, plural, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

const reason = (value: string) => {
  const parsed = AnonymityReason.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`use one of ${AnonymityReason.options.join(', ')}.`);
  return parsed.data;
};

/** How a person is shown in lists: the cipher beside the name when they are anonymised. */
function personLine(p: Person): string {
  return p.anonymity ? `${p.name} [${p.anonymity.cipher}]` : p.name;
}

function formatMention(m: PersonMention): string {
  const place = m.attachmentId !== undefined ? `${m.fileName}, page ${m.pageLabel ?? (m.page ?? 0) + 1}` : m.field;
  const excerpt = `${m.excerpt.slice(0, m.highlight.start)}[${m.excerpt.slice(m.highlight.start, m.highlight.end)}]${m.excerpt.slice(m.highlight.end)}`;
  return `  ${m.caseTitle} › ${m.kind} “${m.recordTitle}” (${place}; ${m.recordId})\n      ${excerpt}`;
}

export function formatPersonDetails(d: PersonDetails): string {
  const p = d.person;
  const lines = [`${p.name}  (${p.id})${p.deletedAt ? '  — in the trash' : ''}`];
  if (p.aliases.length) lines.push(`Also known as: ${p.aliases.join('; ')}`);
  if (p.anonymity) {
    const a = p.anonymity;
    lines.push(`Anonymised as “${a.cipher}”: ${ANONYMITY_REASON_LABELS[a.reason]}${a.orderRef ? ` (order ${a.orderRef})` : ''}`);
  }
  if (p.note) lines.push(`Note: ${p.note}`);
  for (const c of p.cases) {
    const links = [c.eventIds.length ? plural(c.eventIds.length, 'event') : '', c.sourceIds.length ? plural(c.sourceIds.length, 'source') : ''].filter(Boolean);
    lines.push(`Case: ${d.caseTitles[c.caseId] ?? c.caseId} — ${c.role}${links.length ? `; linked to ${links.join(' and ')}` : ''}`);
  }
  lines.push('', d.mentions.length ? `Mentions (${d.mentions.length}${d.mentionsTruncated ? '+, the first shown' : ''}):` : 'No mentions found.');
  lines.push(...d.mentions.map(formatMention));
  if (d.unreadAttachments) lines.push(`${plural(d.unreadAttachments, 'attachment')} not searched: no text extracted yet (casefolio extract-text).`);
  return lines.join('\n');
}

interface PersonOptions {
  name?: string;
  alias?: string[];
  note?: string;
  anonymise?: string;
  reason?: AnonymityReason;
  orderRef?: string;
  json?: boolean;
}

function anonymityOf(o: PersonOptions) {
  if (!o.anonymise) {
    if (o.reason || o.orderRef) throw new ApiError('INVALID_INPUT', '--reason and --order-ref go with --anonymise <cipher>.');
    return undefined;
  }
  if (!o.reason) throw new ApiError('INVALID_INPUT', `--anonymise needs --reason (${AnonymityReason.options.join(', ')}).`);
  return { cipher: o.anonymise, reason: o.reason, ...(o.orderRef ? { orderRef: o.orderRef } : {}) };
}

const withPersonOptions = (command: Command) =>
  command
    .option('--alias <name>', 'another name or spelling: initials, a maiden name (repeatable)', collect)
    .option('--note <text>', 'a note about the person')
    .option('--anonymise <cipher>', 'anonymise: the cipher used instead of the names, e.g. "Person A"')
    .option('--reason <reason>', `why: ${AnonymityReason.options.join(', ')}`, reason)
    .option('--order-ref <ref>', 'the reference of the court order, where there is one')
    .option('--json', 'print the person as JSON');

const printPerson = (p: Person, o: { json?: boolean }, verb: string) => (o.json ? printJson(p) : print(`${verb} ${personLine(p)} (${p.id}).`));

export function registerPeopleCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('people')
    .description('the people register: everyone, or those in one case, with their roles')
    .option('--case <case>', 'only people linked to this case (slug or id)')
    .option('--all', 'include people in the trash')
    .option('--json', 'print JSON')
    .action((o: { case?: string; all?: boolean; json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const people = await api['people:list']({ caseId: o.case, includeDeleted: o.all });
        if (o.json) return printJson(people);
        if (!people.length) return print('No people in the register. Add one with `casefolio person add --name "…"`.');
        print(table([['NAME', 'ROLES', 'ID'], ...people.map((p) => [personLine(p) + (p.deletedAt ? ' (trash)' : ''), [...new Set(p.cases.map((c) => c.role))].join(', '), p.id])]));
      }),
    );

  const person = program.command('person').description('add, show, change, link or delete one person of the register');

  withPersonOptions(person.command('add').description('add a person to the register'))
    .requiredOption('--name <name>', 'the name the person is known by')
    .option('--case <case>', 'a case the person is in (slug or id); needs --role')
    .option('--role <role>', 'their role in that case: victim, family, officer, witness, official, journalist, other')
    .action((o: PersonOptions & { case?: string; role?: string }) => {
      if (Boolean(o.case) !== Boolean(o.role)) throw new ApiError('INVALID_INPUT', '--case and --role go together.');
      const anonymity = anonymityOf(o);
      return withLibrary(globals(), 'write', async (api) => {
        const created = await api['people:create']({
          fields: { name: o.name!, aliases: o.alias ?? [], ...(o.note ? { note: o.note } : {}), ...(anonymity ? { anonymity } : {}), cases: o.case ? [{ caseId: o.case, role: o.role! }] : [] },
        });
        printPerson(created, o, 'Added');
      });
    });

  person
    .command('show <person>')
    .description('one person (by id, name, alias or cipher) with their cases and every mention of their names')
    .option('--json', 'print JSON')
    .action((key: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const details = await api['people:get']({ personId: key });
        print(o.json ? JSON.stringify(details, null, 2) : formatPersonDetails(details));
      }),
    );

  withPersonOptions(person.command('edit <person>').description('change a person: the options given replace what was there'))
    .option('--name <name>', 'a new name')
    .option('--clear <field>', 'empty a field: aliases, note or anonymity (repeatable)', collect)
    .action((key: string, o: PersonOptions & { clear?: string[] }) => {
      const clear = new Set(o.clear ?? []);
      const unknown = [...clear].filter((f) => !['aliases', 'note', 'anonymity'].includes(f));
      if (unknown.length) throw new ApiError('INVALID_INPUT', `--clear takes aliases, note or anonymity, not ${unknown.join(', ')}.`);
      const anonymity = anonymityOf(o);
      const patch = {
        ...(o.name ? { name: o.name } : {}),
        ...(o.alias ? { aliases: o.alias } : clear.has('aliases') ? { aliases: [] } : {}),
        ...(o.note ? { note: o.note } : clear.has('note') ? { note: null } : {}),
        ...(anonymity ? { anonymity } : clear.has('anonymity') ? { anonymity: null } : {}),
      };
      return withLibrary(globals(), 'write', async (api) => printPerson(await api['people:update']({ personId: key, patch }), o, 'Changed'));
    });

  const linkOptions = (command: Command) =>
    command
      .requiredOption('--case <case>', 'the case (slug or id)')
      .option('--event <id>', 'an event of the case (repeatable)', collect)
      .option('--source <id>', 'a source of the case (repeatable)', collect)
      .option('--json', 'print the person as JSON');

  linkOptions(person.command('link <person>').description('put a person in a case with a role, or link them to its events and sources'))
    .option('--role <role>', 'their role in the case (needed the first time)')
    .action((key: string, o: { case: string; role?: string; event?: string[]; source?: string[]; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) =>
        printPerson(await api['people:link']({ personId: key, caseId: o.case, role: o.role, eventIds: o.event, sourceIds: o.source }), o, 'Linked'),
      ),
    );

  linkOptions(person.command('unlink <person>').description('take events or sources off a person’s links; with none named, take them off the case'))
    .action((key: string, o: { case: string; event?: string[]; source?: string[]; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => printPerson(await api['people:unlink']({ personId: key, caseId: o.case, eventIds: o.event, sourceIds: o.source }), o, 'Unlinked')),
    );

  person
    .command('delete <person>')
    .description('move a person to the trash (`casefolio erase <id> --yes` then deletes them for good)')
    .option('--json', 'print the person as JSON')
    .action((key: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const { person: p } = await api['people:get']({ personId: key });
        await api['people:delete']({ personId: p.id });
        printPerson(p, o, 'Moved to the trash:');
      }),
    );

  person
    .command('restore <person>')
    .description('bring a person back from the trash')
    .option('--json', 'print the person as JSON')
    .action((key: string, o: { json?: boolean }) => withLibrary(globals(), 'write', async (api) => printPerson(await api['people:restore']({ personId: key }), o, 'Restored')));
}
