/*
 * Synthetic text with the statistics of real case notes: common words very common, a long tail of rare
 * words (Zipf), proper names and places, numbers and years, sentences of realistic length, and the odd
 * no-break space and curly apostrophe the real sample text has. The words are English where it matters for
 * queries (the common and domain words, and every word of the sample article) and made-up syllables for the
 * long tail, so the vocabulary has the size (about 40,000 distinct words) a real 100,000-record library has.
 * None of it is a statement about a real person or event.
 */
import { ARTICLE_TEXT } from '../../src/core/sample/article';
import { Random, ZipfSampler } from './random';

const FUNCTION_WORDS = `the of and to a in that is was for on it with as by at be this from or had have not are which
  but were an they been their has would there who its will more also after when than into other could
  after about over only two before three first those such then these any may some our between during while
  since under against without within where both each through because until however although upon among`.split(/\s+/);

const DOMAIN_WORDS = `police officer officers force inquiry inquest report reports custody arrest arrested
  investigation investigated complaint complaints misconduct gross hearing hearings panel evidence statement statements
  witness witnesses family families victim victims death deaths coroner jury verdict finding findings
  commissioner constable sergeant inspector superintendent detective chief deputy assistant borough
  metropolitan london station stations unit units team teams command public trust confidence accountability
  failings failure failures failed failing review reviews independent office conduct standards professional
  inspectorate constabulary special measures scandal scandals culture misogyny racism racist discrimination
  strip search searched searches stop child children school schools teacher teachers safeguarding
  shooting shot firearms armed operation operations surveillance undercover intelligence informant
  vehicle car road street streets home house flat address neighbour neighbours community communities
  protest protesters vigil vigils crowd crowds kettle kettling footage video camera cameras bodycam
  messages message whatsapp group groups chat chats social media post posts online phone phones
  recorded record records file files document documents disclosure disclosed request requests freedom information
  court courts trial trials judge judges judgment judgments sentence sentenced prosecution prosecutor
  charge charged charges conviction convicted acquitted appeal appeals lawyer lawyers solicitor barrister
  legal rights human article convention breach breaches duty care negligence negligent unlawful lawful
  killing killed killer murder murdered murderer manslaughter assault assaulted attack attacked injured injuries
  rape raped sexual abuse abused harassment violence violent domestic woman women man men girl boy young people
  black white asian minority ethnic community race gender mental health hospital ambulance paramedics
  response responded responding call calls emergency missing person persons found body bodies
  week weeks month months year years day days night morning evening hours minutes time
  said says told asked according claimed alleged admitted denied disputed established confirmed stated
  government minister ministers home secretary mayor parliament committee policy policies law laws reform
  budget funding resources training trained guidance procedure procedures policy practice practices
  serious significant concerns concern issues issue problem problems systemic institutional widespread
  new old former current recent previous later earlier latest senior junior local national central
  number numbers figures data per cent percent increase decrease rise fall high low level levels
  case cases incident incidents event events matter matters account accounts source sources note notes
  article articles newspaper journalist journalists press guardian canary bbc news reported reporting
  campaign campaigners campaign justice accountability change demand demands call calls action actions
  decision decisions decided refused agreed apologised apology apologies compensation payment paid damages
  sister sisters mother father brother son daughter partner friends friend relatives relative
  dead died dying life lives alive safe safety risk risks danger dangerous threat threats
  taser tasered restraint restrained handcuffed handcuffs baton cs spray dog dogs weapon weapons knife gun
  worker workers social service services council councils agency agencies partner partners charity`.split(/\s+/);

const SYLLABLES = `ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go ha he hi ho ka ke ki ko
  la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu
  va ve vi vo wa we wi ya yo za ze zi zo bra bre bri cra cre dra dre fra fre gra gre pra pre tra tre
  sha she shi sho cha che chi tha the thi an en in on un ar er ir or ur al el il ol ul ast est ist ost
  and end ind ond amp emp omp ack eck ick ock ell ill oll ent int ont ard erd ord orn arn ern`.split(/\s+/);

export const PLACES = `Hackney Lambeth Southwark Croydon Brixton Tottenham Stockwell Peckham Lewisham Greenwich Camden
  Islington Westminster Ealing Haringey Newham Barking Enfield Barnet Harrow Hounslow Hillingdon Wembley
  Catford Clapham Dalston Deptford Edmonton Finchley Hammersmith Kennington Kilburn Leyton Mitcham Norwood
  Plumstead Romford Shepherds Stratford Streatham Sutton Walthamstow Wandsworth Woolwich Charing Cross`.split(/\s+/);

export const PUBLISHERS = [
  'The Guardian', 'The Canary', 'BBC News', 'The Independent', 'Evening Standard', 'The Times', 'Financial Times',
  'Independent Office for Police Conduct', 'HM Inspectorate of Constabulary', 'Metropolitan Police Service',
  'Home Office', 'Crown Prosecution Service', 'Ministry of Justice', 'Inquest', 'Liberty', 'Netpol',
  'London Assembly', 'Channel 4 News', 'Sky News', 'ITV News', 'Byline Times', 'Novara Media', 'Hackney Gazette',
  'Court of Appeal', 'High Court', 'Coroner’s Court', 'House of Commons', 'Runnymede Trust', 'StopWatch',
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function articleWords(): string[] {
  const words = ARTICLE_TEXT.toLowerCase().match(/[a-z]+/g) ?? [];
  return [...new Set(words)].filter((w) => w.length > 2);
}

/** A fixed vocabulary and the samplers that draw from it; built once per seed. */
export class TextSource {
  readonly vocabulary: string[];
  readonly givenNames: string[];
  readonly familyNames: string[];
  private readonly zipf: ZipfSampler;

  constructor(
    private readonly random: Random,
    tailSize = 38_000,
  ) {
    const seen = new Set<string>();
    const add = (list: string[], word: string) => {
      if (word && !seen.has(word)) {
        seen.add(word);
        list.push(word);
      }
    };
    const head: string[] = [];
    for (const w of FUNCTION_WORDS) add(head, w);
    const middle: string[] = [];
    for (const w of [...DOMAIN_WORDS, ...articleWords()]) add(middle, w);
    // Interleave deterministically so the domain and article words spread over the frequent ranks.
    for (let i = middle.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [middle[i], middle[j]] = [middle[j], middle[i]];
    }
    const tail: string[] = [];
    while (tail.length < tailSize) {
      const syllables = random.int(2, 4);
      let word = '';
      for (let s = 0; s < syllables; s++) word += random.pick(SYLLABLES);
      add(tail, word);
    }
    this.vocabulary = [...head, ...middle, ...tail];
    this.zipf = new ZipfSampler(this.vocabulary.length, 1.0);
    const names = (n: number) => {
      const list: string[] = [];
      while (list.length < n) {
        let name = '';
        for (let s = random.int(2, 3); s > 0; s--) name += random.pick(SYLLABLES);
        list.push(capitalise(name));
      }
      return list;
    };
    this.givenNames = names(600);
    this.familyNames = names(2500);
  }

  word(random: Random = this.random): string {
    return this.vocabulary[this.zipf.sample(random)];
  }

  personName(random: Random = this.random): { given: string; family: string } {
    return { given: random.pick(this.givenNames), family: random.pick(this.familyNames) };
  }

  sentence(random: Random = this.random): string {
    const length = random.lengthAround(16, 5, 40, 0.45);
    const words: string[] = [];
    for (let i = 0; i < length; i++) {
      const roll = random.next();
      if (roll < 0.03) {
        const p = this.personName(random);
        words.push(random.chance(0.5) ? `${p.given} ${p.family}` : p.family);
      } else if (roll < 0.045) words.push(random.pick(PLACES));
      else if (roll < 0.055) words.push(String(random.int(1990, 2024)));
      else if (roll < 0.06) words.push(String(random.int(2, 400)));
      else if (roll < 0.065) words.push(`${capitalise(this.word(random))}’s`);
      else words.push(this.word(random));
    }
    words[0] = capitalise(words[0]);
    let text = '';
    for (let i = 0; i < words.length; i++) {
      if (i > 0) {
        const roll = random.next();
        text += roll < 0.01 ? '\u00a0' : roll < 0.07 ? ', ' : ' ';
      }
      text += words[i];
    }
    return `${text}.`;
  }

  /** Prose of about `chars` characters: sentences, in paragraphs. */
  prose(chars: number, random: Random = this.random): string {
    const paragraphs: string[] = [];
    let current = '';
    let total = 0;
    while (total < chars) {
      const s = this.sentence(random);
      current = current ? `${current} ${s}` : s;
      total += s.length + 1;
      if (current.length > 400 && random.chance(0.35)) {
        paragraphs.push(current);
        current = '';
      }
    }
    if (current) paragraphs.push(current);
    return paragraphs.join('\n\n');
  }

  /** A headline-like title of `words` words, no closing full stop. */
  title(words: number, random: Random = this.random): string {
    const parts: string[] = [];
    for (let i = 0; i < words; i++) {
      const roll = random.next();
      if (roll < 0.08) parts.push(random.pick(this.familyNames));
      else if (roll < 0.13) parts.push(random.pick(PLACES));
      else parts.push(this.word(random));
    }
    parts[0] = capitalise(parts[0]);
    return parts.join(' ');
  }
}
