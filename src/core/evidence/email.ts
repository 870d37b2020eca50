/*
 * Email messages (.eml, RFC 5322 with MIME) read for people: the headers a reader looks at, as received, the
 * text decoded from whatever transfer encoding and character set it was sent in, and the files attached to it.
 * The dossier sets this in type; search indexes it. Parsing is postal-mime's, within limits on nesting and on
 * the size of the headers, so a hostile message cannot exhaust memory or the stack.
 */
import iconv from 'iconv-lite';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { htmlToText } from './html-text';

export interface EmailMessage {
  /** [label, value] for From, To, Cc, Date (as sent, with its time zone), Subject and Message-ID, when present. */
  headers: [string, string][];
  text: string;
  attachments: { name: string; type: string; size: number }[];
}

/** The message, or undefined when the bytes are not an email (no From, Date or Subject) or cannot be parsed. */
export async function readEmail(bytes: Uint8Array): Promise<EmailMessage | undefined> {
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50, maxHeadersSize: 1024 * 1024 });
  } catch {
    return undefined;
  }
  if (!email.headers.some((h) => h.key === 'from' || h.key === 'date' || h.key === 'subject')) return undefined;
  const addresses = (list: Address[] | undefined) => (list ?? []).map((a) => (a.group ? `${a.name}: ${a.group.map(mailbox).join(', ')}` : mailbox(a))).join(', ');
  const headers = (
    [
      ['From', addresses(email.from ? [email.from] : undefined)],
      ['To', addresses(email.to)],
      ['Cc', addresses(email.cc)],
      ['Date', email.headers.find((h) => h.key === 'date')?.value ?? ''],
      ['Subject', email.subject ?? ''],
      ['Message-ID', email.messageId ?? ''],
    ] as [string, string][]
  )
    .filter(([, value]) => value.trim() !== '')
    .map(([label, value]): [string, string] => [label, windows1252Controls(value)]);
  const text = windows1252Controls((email.text ?? (email.html ? htmlToText(email.html) : '')).trim());
  const attachments = email.attachments.map((a) => ({
    name: a.filename ?? '(no name)',
    type: a.mimeType,
    size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
  }));
  return { headers, text, attachments };
}

/** The message as one text, for search: its headers, its text, and the names of its attached files. */
export function emailAsText(email: EmailMessage): string {
  return [...email.headers.map(([label, value]) => `${label}: ${value}`), '', email.text, ...email.attachments.map((a) => `Attached: ${a.name}`)].join('\n');
}

const mailbox = (m: { name: string; address?: string }) => (m.name ? `${m.name} <${m.address ?? ''}>` : (m.address ?? ''));

/**
 * Characters U+0080–U+009F, which no one types, are what a Windows-1252 message labelled ISO-8859-1 becomes in
 * Node 20's decoder: a mail program shows them as the curly quotes, dashes and € they were written as, and so
 * is the message read here.
 */
function windows1252Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => iconv.decode(Buffer.from([c.charCodeAt(0)]), 'windows-1252'));
}
