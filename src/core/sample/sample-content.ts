/*
 * The sample library's content: the case files a new user sees, built from one article (article.ts).
 * Plain data only; a builder adds ids and timestamps. These are real people and real cases, so every
 * statement here is traceable to the article, and tests/core/sample-content.test.ts checks the parts a
 * machine can check (verbatim quotations, paragraph pinpoints, dates, tags).
 *
 * Conventions followed throughout:
 * - "Paragraph N" is the Nth non-empty line of ARTICLE_TEXT (see article.ts).
 * - The article dates most events "On 28 June" without a year. Its text shows it was written in 2022
 *   ("in 2022, a barrage of … messages", "we want to do this and more in 2022"), so those years are
 *   2022 with certainty 'inferred'. Where the article gives a year, the date is 'exact' at the precision
 *   the article gives ("March 2021" → 2021-03, "the 2021 inquests" → 2021).
 * - Where the article gives no date at all (Child Q; Bibaa Henry and Nicole Smallman), the chronology
 *   entry records the article's own account, dated to the article's inferred year, and says so; it never
 *   puts a date on the underlying events.
 * - Claim status: 'found' for what the article reports as the conclusion of an inquest, inquiry, the IOPC
 *   or HMIC; 'established' only for what the article states as settled fact about an offence; 'alleged'
 *   for what the article reports from footage, press reports or its own account without a finding.
 * - Characterisations are the article's and are attributed to it; words in curly double quotes are
 *   copied from the article.
 * - The article has no-break spaces (U+00A0) between some words ("of\u00a0murdered sisters"). Quotations
 *   keep them, written as \u00a0 so they are visible here: a quotation is the article's exact text.
 */
import type { CaseStatus, ClaimStatus, Pinpoint, SourceKind, TagDefinition } from '../../shared/domain';
import type { PartialDate } from '../../shared/partial-date';

export interface SampleEventSpec {
  date: PartialDate;
  endDate?: PartialDate;
  title: string;
  description?: string;
  claimStatus: ClaimStatus;
  pinpoint: Pinpoint;
  tags: string[];
}

/** A verbatim extract from the article; its pinpoint names the paragraph it comes from. */
export interface SampleQuotationSpec {
  quote: string;
  pinpoint: Pinpoint;
}

export interface SampleNoteSpec {
  title: string;
  /** Markdown. */
  body: string;
  quotations: SampleQuotationSpec[];
  tags: string[];
}

export interface SampleCaseSpec {
  slug: string;
  title: string;
  /** Markdown. */
  summary: string;
  status: CaseStatus;
  incidentDate?: PartialDate;
  incidentEndDate?: PartialDate;
  location?: string;
  tags: string[];
  events: SampleEventSpec[];
  notes: SampleNoteSpec[];
}

/** A date the article gives with its year. */
const exactDate = (value: string): PartialDate => ({ value, certainty: 'exact' });
/** A date the article gives without a year: the year (2022) is inferred from the article's text. */
const inferredDate = (value: string): PartialDate => ({ value, certainty: 'inferred' });
const paragraph = (n: number): Pinpoint => ({ kind: 'paragraph', value: String(n) });

export const SAMPLE_LIBRARY_NAME = 'Sample library: Metropolitan Police failings';

export const SAMPLE_SOURCE: {
  kind: SourceKind;
  title: string;
  publisher: string;
  publishedDate?: PartialDate;
  description: string;
  tags: string[];
} = {
  kind: 'news-article',
  title: 'The Met is in special measures. But more failings are coming to light',
  // The article names itself ("The Canary family", "The Canary’s content"); it names no author and gives no web address.
  publisher: 'The Canary',
  publishedDate: inferredDate('2022'),
  description:
    'An article published by The Canary. It reports that Her Majesty’s Inspectorate of Constabulary (HMIC) placed ' +
    'London’s Metropolitan Police in special measures on 28 June, recounts earlier cases which, it says, made the ' +
    'decision “no surprise”, and lists failings that came to light after it. It closes by arguing for investment in ' +
    'communities rather than the police.\n\n' +
    'The article gives no author, web address or publication date. Its year, 2022, is inferred from its text: it says ' +
    'messages came to light “in 2022” and that “we want to do this and more in 2022”. Dates it gives without a year are ' +
    'recorded in this library as 2022, marked inferred.',
  tags: ['institution/metropolitan-police', 'process/hmic'],
};

export const SAMPLE_TAGS: TagDefinition[] = [
  { path: 'institution', color: '#455a64', description: 'Organisations involved in a case.' },
  { path: 'institution/metropolitan-police', color: '#1a237e', description: 'London’s Metropolitan Police (the Met).' },

  {
    path: 'theme',
    color: '#6a1b9a',
    description: 'Themes the source raises about a case. A theme tag records what the source says, not a finding.',
  },
  { path: 'theme/misogyny', color: '#ad1457', description: 'Misogyny, as raised in the source.' },
  {
    path: 'theme/misogynoir',
    color: '#880e4f',
    description: 'Prejudice against Black women and girls (the source’s term), as raised in the source.',
  },
  { path: 'theme/racism', color: '#bf360c', description: 'Racism or racial prejudice, as raised in the source.' },
  { path: 'theme/homophobia', color: '#4527a0', description: 'Homophobia, as raised in the source.' },
  { path: 'theme/children', color: '#00838f', description: 'Police treatment of children and young people.' },
  { path: 'theme/strip-search', color: '#00695c', description: 'Strip searches by police.' },
  { path: 'theme/use-of-force', color: '#c62828', description: 'Police use of force, including shooting and Tasers.' },
  { path: 'theme/public-order', color: '#ef6c00', description: 'Policing of public gatherings such as vigils.' },
  {
    path: 'theme/deaths-after-police-contact',
    color: '#37474f',
    description: 'Deaths in police custody or following police contact.',
  },
  { path: 'theme/missing-persons', color: '#0277bd', description: 'Police handling of missing people cases.' },
  { path: 'theme/investigation-failures', color: '#5d4037', description: 'Failings in police investigations, as described in the source.' },
  { path: 'theme/officer-conduct', color: '#6d4c41', description: 'Conduct of individual officers that the source criticises.' },
  { path: 'theme/officer-honesty', color: '#795548', description: 'Whether officers’ accounts were truthful, as questioned in the source.' },

  { path: 'process', color: '#2e7d32', description: 'Inspections, inquests, inquiries and other oversight.' },
  { path: 'process/hmic', color: '#1b5e20', description: 'Her Majesty’s Inspectorate of Constabulary (HMIC): inspections and special measures.' },
  { path: 'process/inquest', color: '#33691e', description: 'Inquests into deaths.' },
  { path: 'process/public-inquiry', color: '#558b2f', description: 'Public inquiries.' },
  { path: 'process/iopc', color: '#827717', description: 'The Independent Office for Police Conduct (IOPC).' },
];

export const SAMPLE_CASES: SampleCaseSpec[] = [
  {
    slug: 'special-measures',
    title: 'The Met placed in special measures',
    summary:
      'According to the article, on 28 June [2022] Her Majesty’s Inspectorate of Constabulary (HMIC) placed London’s ' +
      'Metropolitan Police – which the article describes as the UK’s largest police force – in special measures, ' +
      'following an HMIC inspection. The article explains that this means the force is failing to meet the acceptable ' +
      'standards required of a public service.\n\n' +
      'The article cites the Guardian as reporting that the unpublished report cites 14 recent “significant failings” ' +
      'in addition to a series of scandals.\n\n' +
      'The article says that since the decision “further serious failings have come to light”. Besides the cases in ' +
      'this library, it mentions legal proceedings issued by the Good Law Project against the force over its Partygate ' +
      'investigation (29 June) and a College of Policing report (30 June) that, according to the article, revealed that ' +
      'officers accused of domestic abuse are escaping accountability and still on duty in law enforcement.',
    status: 'open',
    incidentDate: inferredDate('2022-06-28'),
    location: 'London',
    tags: ['institution/metropolitan-police', 'process/hmic'],
    events: [
      {
        date: inferredDate('2022'),
        title: 'The Guardian reports that the unpublished report cites 14 “significant failings”',
        description:
          'According to the article, the Guardian reported that the unpublished report cites 14 recent “significant ' +
          'failings” in addition to a series of scandals. The article gives no date for the Guardian’s report; the year ' +
          'is inferred. Recorded as alleged: the report is unpublished and known here only through the article’s account ' +
          'of the Guardian’s reporting.',
        // 'alleged', not 'found': the report itself is unpublished, and the article relays it second-hand.
        claimStatus: 'alleged',
        pinpoint: paragraph(8),
        tags: ['process/hmic'],
      },
      {
        date: inferredDate('2022-06-28'),
        title: 'HMIC places the Metropolitan Police in special measures',
        description:
          'Following an HMIC inspection, the watchdog placed the Met in special measures, which, the article explains, ' +
          'means that the force is failing to meet the acceptable standards required of a public service.',
        // The inspectorate's determination after an inspection, which the article reports as fact.
        claimStatus: 'found',
        pinpoint: paragraph(4),
        tags: ['process/hmic'],
      },
    ],
    notes: [
      {
        title: 'What the article says about special measures',
        body:
          'The article reports the decision and what it means, and cites the Guardian on the contents of the ' +
          'unpublished report. It quotes the Met’s own statement of its purpose.',
        quotations: [
          {
            quote:
              'On 28 June, Her Majesty’s Inspectorate of Constabulary (HMIC) placed London’s Metropolitan Police in ‘special measures‘ following a series of scandalous failures.',
            pinpoint: paragraph(4),
          },
          {
            quote: 'This means that the force is failing to meet the acceptable standards required of a public service.',
            pinpoint: paragraph(7),
          },
          {
            quote:
              'According to the Guardian, the unpublished report cites 14 recent “significant failings” in addition to a series of scandals.',
            pinpoint: paragraph(8),
          },
          {
            quote:
              'According to the Met itself, the force’s purpose is to “to serve and protect the people of London by providing a professional police service”.',
            pinpoint: paragraph(24),
          },
        ],
        tags: ['process/hmic'],
      },
      {
        title: 'Failings reported after the decision',
        body:
          'The article lists failings that came to light after 28 June: the Jermaine Baker inquiry’s conclusion ' +
          '(5 July), the IOPC on the handling of Richard Okorogheye’s disappearance (6 July), footage about the tasering ' +
          'of a social worker (29 June), the Good Law Project’s legal proceedings over the force’s Partygate ' +
          'investigation (29 June) and a College of Policing report on officers accused of domestic abuse (30 June).',
        quotations: [
          {
            quote: 'Since HMIC placed the Met in special measures, further serious failings have come to light.',
            pinpoint: paragraph(17),
          },
        ],
        tags: ['institution/metropolitan-police'],
      },
    ],
  },

  {
    slug: 'everard',
    title: 'Sarah Everard',
    summary:
      'The article states that in March 2021 Sarah Everard was raped and murdered by serving police officer Wayne ' +
      'Couzens, and that this was followed by what it describes as “violent policing of her vigil”.\n\n' +
      'According to the article, the case “shone a light on the institutionalised misogyny at large within the force”.',
    status: 'open',
    incidentDate: exactDate('2021-03'),
    tags: ['institution/metropolitan-police', 'theme/misogyny', 'theme/officer-conduct', 'theme/public-order'],
    events: [
      {
        date: exactDate('2021-03'),
        title: 'Rape and murder of Sarah Everard by serving police officer Wayne Couzens',
        description: 'The article states this as fact: “the rape and murder of Sarah Everard by serving police officer Wayne Couzens”.',
        // 'established': the article states the rape and murder by Couzens as plain fact, without hedging or
        // attribution, and it is the one offence in the article stated that way about a named officer. The article
        // does not mention a trial, plea or conviction, so nothing here says how it was established, and the
        // sample library adds no court record the article does not give.
        claimStatus: 'established',
        pinpoint: paragraph(9),
        tags: ['theme/misogyny', 'theme/officer-conduct'],
      },
      {
        // The article's sentence puts both under "In March 2021": "In March 2021, we saw the rape and murder …,
        // followed by violent policing of her vigil." It gives the vigil no date of its own.
        date: exactDate('2021-03'),
        title: 'Policing of the vigil for Sarah Everard',
        description: 'The article describes the policing of her vigil, which followed her murder, as violent.',
        // 'alleged': the article's characterisation; it reports no finding about the policing of the vigil.
        claimStatus: 'alleged',
        pinpoint: paragraph(9),
        tags: ['theme/public-order', 'theme/use-of-force'],
      },
    ],
    notes: [
      {
        title: 'What the article says',
        body:
          'The article recounts the case under its heading “Special measures comes as no surprise”, and links it to ' +
          'what it calls institutionalised misogyny within the force.',
        quotations: [
          {
            quote:
              'In March 2021, we saw the rape and murder of Sarah Everard by serving police officer Wayne Couzens, followed by violent policing of her vigil.',
            pinpoint: paragraph(9),
          },
          {
            quote: 'This horrific case shone a light on the institutionalised misogyny at large within the force.',
            pinpoint: paragraph(9),
          },
        ],
        tags: ['theme/misogyny'],
      },
    ],
  },

  {
    slug: 'henry-smallman',
    title: 'Bibaa Henry and Nicole Smallman',
    summary:
      'The article reports that Met police officers shared selfies with the dead bodies of murdered sisters Bibaa ' +
      'Henry and Nicole Smallman, and that this came after what it calls a “bungled investigation” in which the ' +
      'sisters’ family was left to discover the remains of their loved ones.\n\n' +
      'The article presents the case as bringing institutionalised misogynoir – in its words, “ingrained prejudice\u00a0' +
      'against Black women and girls” – to the fore. It gives no dates for the murders, the investigation or the selfies.',
    status: 'open',
    tags: [
      'institution/metropolitan-police',
      'theme/misogynoir',
      'theme/officer-conduct',
      'theme/investigation-failures',
    ],
    events: [
      {
        // The article gives no date for any of this; the entry is dated by the article itself, not the events.
        date: inferredDate('2022'),
        title: 'The article reports officers shared selfies with the sisters’ bodies',
        description:
          'The article reports that Met police officers shared selfies with the dead bodies of Bibaa Henry and Nicole ' +
          'Smallman after a “bungled investigation” in which the sisters’ family was left to discover their remains. ' +
          'The article gives no date for the murders, the investigation or the selfies: this entry is dated to the ' +
          'article’s own year (2022, inferred) and records when the article reported it, not when it happened.',
        // 'alleged': the article reports this without citing any finding.
        claimStatus: 'alleged',
        pinpoint: paragraph(10),
        tags: ['theme/officer-conduct', 'theme/investigation-failures'],
      },
    ],
    notes: [
      {
        title: 'What the article says',
        body: 'The article describes the officers’ conduct and the investigation that preceded it, and links the case to misogynoir.',
        quotations: [
          {
            quote:
              'Institutionalised misogynoir – ingrained prejudice\u00a0against Black women and girls – came to the fore when Met police officers shared selfies with the dead bodies of\u00a0murdered sisters Bibaa Henry and Nicole Smallman.',
            pinpoint: paragraph(10),
          },
          {
            quote:
              'This foul treatment came after a bungled investigation in which the sisters’ family was left to discover the remains of their loved ones.',
            pinpoint: paragraph(10),
          },
        ],
        tags: ['theme/misogynoir'],
      },
    ],
  },

  {
    slug: 'child-q',
    title: 'Child Q: strip search',
    summary:
      'The article names Child Q, together with Olivia, as examples of what it calls the Met’s “shameful strip ' +
      'searches of children”, which, it says, “highlight the harm and violence that officers routinely inflict on ' +
      'children and young people”.\n\n' +
      'According to the article, cases such as these raised concerns about the adultification of Black children. The ' +
      'article gives no date, place or other detail of the search.',
    status: 'open',
    tags: ['institution/metropolitan-police', 'theme/children', 'theme/strip-search', 'theme/racism'],
    events: [
      {
        // The article gives no date for the search or for when concerns were raised; dated by the article itself.
        date: inferredDate('2022'),
        title: 'The article cites Child Q’s strip search among the Met’s strip searches of children',
        description:
          'The article refers to stories of the Met’s strip searches of children such as Child Q and Olivia, and says ' +
          'cases such as these raised concerns about the adultification of Black children. It gives no date for the ' +
          'search: this entry is dated to the article’s own year (2022, inferred) and records when the article ' +
          'reported it, not when the search took place.',
        // 'alleged': the article reports no finding about the search.
        claimStatus: 'alleged',
        pinpoint: paragraph(11),
        tags: ['theme/children', 'theme/strip-search'],
      },
    ],
    notes: [
      {
        title: 'What the article says',
        body:
          'The article mentions Child Q once, in a sentence about strip searches of children, and links such cases to ' +
          'concerns about the adultification of Black children.',
        quotations: [
          {
            quote:
              'stories of the Met’s shameful strip searches of children such as\u00a0Child Q\u00a0and Olivia highlight the harm and violence that officers routinely inflict on children and young people.',
            pinpoint: paragraph(11),
          },
          {
            quote: 'In particular, cases such as these raised concerns about the adultification of Black children.',
            pinpoint: paragraph(11),
          },
        ],
        tags: ['theme/children', 'theme/racism'],
      },
    ],
  },

  {
    slug: 'port',
    title: 'Stephen Port: inquests',
    summary:
      'According to the article, the 2021 inquests into the murders of four young gay and bisexual men by Stephen ' +
      'Port identified several “missed opportunities” to prevent these deaths. The article does not name the four men.\n\n' +
      'The article presents the case as reflecting what it calls “the force’s institutional homophobia”.',
    status: 'open',
    tags: ['institution/metropolitan-police', 'theme/homophobia', 'process/inquest'],
    events: [
      {
        date: exactDate('2021'),
        title: 'Inquests identify several “missed opportunities” to prevent the deaths',
        description:
          'According to the article, the 2021 inquests into the murders of four young gay and bisexual men by Stephen ' +
          'Port identified several “missed opportunities” to prevent these deaths.',
        // 'found': the inquests' conclusion as the article reports it.
        claimStatus: 'found',
        pinpoint: paragraph(14),
        tags: ['process/inquest'],
      },
    ],
    notes: [
      {
        title: 'What the article says',
        body: 'The article reports the inquests’ finding and links the case to what it calls the force’s institutional homophobia.',
        quotations: [
          {
            quote:
              'Reflecting the force’s institutional homophobia, the 2021 inquests into the murders of four young gay and bisexual men by\u00a0Stephen Port identified several “missed opportunities” to prevent these deaths.',
            pinpoint: paragraph(14),
          },
        ],
        tags: ['process/inquest', 'theme/homophobia'],
      },
    ],
  },

  {
    slug: 'charing-cross',
    title: 'Charing Cross police station messages',
    summary:
      'According to the article, in 2022 “a barrage of racist, misogynistic, and homophobic messages shared by ' +
      'officers at Charing Cross police station came to light”. The article gives no further detail of the messages, ' +
      'who shared them or when they were sent.',
    status: 'open',
    location: 'Charing Cross police station',
    tags: [
      'institution/metropolitan-police',
      'theme/racism',
      'theme/misogyny',
      'theme/homophobia',
      'theme/officer-conduct',
    ],
    events: [
      {
        date: exactDate('2022'),
        title: 'Messages shared by officers at Charing Cross police station come to light',
        description:
          'The article describes the messages as racist, misogynistic and homophobic. The date is when they came to ' +
          'light, as the article gives it; the article does not say when they were sent.',
        // 'alleged': the article reports the messages coming to light, with no finding.
        claimStatus: 'alleged',
        pinpoint: paragraph(15),
        tags: ['theme/officer-conduct'],
      },
    ],
    notes: [
      {
        title: 'What the article says',
        body: 'One sentence in the article, under its heading “Special measures comes as no surprise”.',
        quotations: [
          {
            quote:
              'And in 2022, a barrage of racist, misogynistic, and homophobic messages shared by officers at Charing Cross police station came to light.',
            pinpoint: paragraph(15),
          },
        ],
        tags: ['theme/officer-conduct'],
      },
    ],
  },

  {
    slug: 'baker',
    title: 'Jermaine Baker',
    summary:
      'According to the article, on 5 July [2022] the public inquiry into the death of Jermaine Baker concluded that ' +
      'a Met police officer “lawfully killed” him. The article describes him as unarmed and refers to a police ' +
      'officer being able to “legally shoot and kill an unarmed man at close range”.\n\n' +
      'The article reports that the inquiry also noted “a barrage of damning failures that took place from the outset ' +
      'and throughout the police operation”.\n\n' +
      'The article says Baker is one of at least 1,823 people who have died in police custody or following police ' +
      'contact in England and Wales since 1990, and that Black and racially minoritised people are overrepresented ' +
      'in these figures. It does not give a source for the figure.',
    status: 'open',
    tags: [
      'institution/metropolitan-police',
      'theme/use-of-force',
      'theme/deaths-after-police-contact',
      'process/public-inquiry',
    ],
    events: [
      {
        date: inferredDate('2022-07-05'),
        title: 'Public inquiry concludes that a Met police officer “lawfully killed” Jermaine Baker',
        description:
          'According to the article, the public inquiry into the death of Jermaine Baker concluded that a Met police ' +
          'officer “lawfully killed” the unarmed man. The article reports that the inquiry also noted “a barrage of ' +
          'damning failures that took place from the outset and throughout the police operation” (para. 19).',
        // 'found': the public inquiry's conclusion, and the failures it noted, as the article reports them.
        claimStatus: 'found',
        pinpoint: paragraph(18),
        tags: ['process/public-inquiry', 'theme/use-of-force'],
      },
    ],
    notes: [
      {
        title: 'The inquiry’s conclusion and the failures it noted',
        body:
          'The article reports both the inquiry’s conclusion, which it calls disappointing, and the failures the ' +
          'inquiry noted in the police operation.',
        quotations: [
          {
            quote:
              'On 5 July, the public inquiry into the death of Jermaine Baker concluded that a Met police officer “lawfully killed” the unarmed man.',
            pinpoint: paragraph(18),
          },
          {
            quote:
              'In spite of this disappointing conclusion, the Baker inquiry noted a barrage of damning failures that took place from the outset and throughout the police operation.',
            pinpoint: paragraph(19),
          },
        ],
        tags: ['process/public-inquiry'],
      },
      {
        title: 'Deaths in police custody or following police contact',
        body: 'The article places Baker’s death in a wider figure. It does not say where the figure comes from.',
        quotations: [
          {
            quote:
              'Baker is one of at least 1,823 people who have died in police custody or following police contact in England and Wales since 1990.',
            pinpoint: paragraph(20),
          },
          {
            quote: 'Black and racially minoritised people are overrepresented in these heartbreaking figures.',
            pinpoint: paragraph(20),
          },
        ],
        tags: ['theme/deaths-after-police-contact'],
      },
    ],
  },

  {
    slug: 'okorogheye',
    title: 'Richard Okorogheye',
    summary:
      'According to the article, on 6 July [2022] the Independent Office for Police Conduct (IOPC) revealed the ' +
      'force’s “unacceptable” handling of the disappearance of 19-year-old Richard Okorogheye. The article describes ' +
      'it as one of a number of “clumsily and incompetently handled recent\u00a0missing people\u00a0cases”.',
    status: 'open',
    tags: ['institution/metropolitan-police', 'theme/missing-persons', 'theme/investigation-failures', 'process/iopc'],
    events: [
      {
        date: inferredDate('2022-07-06'),
        title: 'IOPC reports on the Met’s handling of Richard Okorogheye’s disappearance',
        description:
          'According to the article, the IOPC revealed the force’s “unacceptable” handling of 19-year-old Richard ' +
          'Okorogheye’s disappearance.',
        // 'found': the IOPC's conclusion as the article reports it.
        claimStatus: 'found',
        pinpoint: paragraph(21),
        tags: ['process/iopc', 'theme/missing-persons'],
      },
    ],
    notes: [
      {
        title: 'What the article says',
        body: 'The article reports the IOPC’s conclusion and places the case among other missing people cases it criticises.',
        quotations: [
          {
            quote:
              'On 6 July, the Independent Office for Police Conduct (IOPC) revealed the force’s “unacceptable” handling of 19-year-old\u00a0Richard Okorogheye’s disappearance.',
            pinpoint: paragraph(21),
          },
          {
            quote: 'This was one of a number of clumsily and incompetently handled recent\u00a0missing people\u00a0cases.',
            pinpoint: paragraph(21),
          },
        ],
        tags: ['process/iopc'],
      },
    ],
  },

  {
    slug: 'tasered-social-worker',
    title: 'Social worker tasered by Met officers',
    summary:
      'According to the article, on 29 June [2022] footage emerged revealing that Met police officers lied about the ' +
      '“fighting stance” of a Black social worker they tasered. The article does not name the social worker, does not ' +
      'say when the tasering took place and reports no finding on the officers’ account.',
    status: 'open',
    tags: ['institution/metropolitan-police', 'theme/use-of-force', 'theme/officer-honesty'],
    events: [
      {
        date: inferredDate('2022-06-29'),
        title: 'Footage emerges about officers’ account of tasering a social worker',
        description:
          'According to the article, the footage revealed that Met police officers lied about the “fighting stance” of ' +
          'the social worker they tasered.',
        // 'alleged': the article reports what the footage revealed; it cites no finding.
        claimStatus: 'alleged',
        pinpoint: paragraph(22),
        tags: ['theme/officer-honesty', 'theme/use-of-force'],
      },
    ],
    notes: [
      {
        title: 'What the article says',
        body: 'One sentence in the article, among the failings it lists after the special measures decision.',
        quotations: [
          {
            quote:
              'On 29 June, footage emerged revealing that Met police officers lied about the “fighting stance” of a Black social worker they tasered.',
            pinpoint: paragraph(22),
          },
        ],
        tags: ['theme/officer-honesty'],
      },
    ],
  },
];
