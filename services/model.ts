import { createHash } from 'node:crypto';
/**
 * The network's domain in its own words (see docs/domain.md), as zod schemas: the
 * import files are parsed with these, and the stored documents have these shapes.
 */
import { z } from 'zod';

export const ROLES = ['chair', 'vice-chair', 'member', 'staff', 'secretary'] as const;
export type Role = (typeof ROLES)[number];
/** Staff and the secretary attend and write; they never vote. */
export const VOTING_ROLES: readonly Role[] = ['chair', 'vice-chair', 'member'];
export const canVote = (role: Role): boolean => VOTING_ROLES.includes(role);
/** Who may run and prepare the meeting: plan meetings and agendas, start rounds, open and close votes, draft minutes. */
export const LEADING_ROLES: readonly Role[] = ['chair', 'vice-chair', 'secretary'];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('expected an e-mail address'));
/**
 * What the id of a network or a meeting looks like ("pid", "pid-2021-06-02"): safe as a storage
 * key, a file name and a URL path. `ID_PART` (no anchors) goes into patterns that contain an id.
 */
export const ID_PART = '[a-z0-9][a-z0-9-]{0,62}';
export const ID = new RegExp(`^${ID_PART}$`);
export const IdSchema = z.string().regex(ID, 'expected lower-case letters, digits and dashes (at most 63)');
/** An instant with an explicit offset, as in the import files ("2021-06-02T13:00:00+02:00"). */
const instant = z.iso.datetime({ offset: true, message: 'expected an ISO date-time with offset, e.g. 2021-06-02T13:00:00+02:00' });
/** A due date: a day ("2021-08-11", end of that working day) or an instant. */
const due = z.union([z.iso.date({ message: 'expected a date YYYY-MM-DD' }), instant], {
  error: 'expected a date (YYYY-MM-DD) or an ISO date-time with offset',
});

export const MemberSchema = z.strictObject({
  name: text(200),
  email,
  role: z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` }),
  appointedBy: text(200),
  /** The day a member added in Teams joined; minutes of earlier meetings do not list them. */
  joinedOn: z.iso.date({ message: 'expected a date YYYY-MM-DD' }).optional(),
});
export type Member = z.infer<typeof MemberSchema>;

/**
 * How logs name a member: a short pseudonym of their e-mail, the same in every line, so one
 * member's turns can be followed without writing personal data to the log.
 */
export const memberLogId = (email: string): string => `m-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 12)}`;

/** When assignees are nudged unless the network says otherwise: a week before the due date, and two days before. */
export const DEFAULT_NUDGE_DAYS: readonly number[] = [7, 2];

/** A member who left (Udtræd): kept, so minutes of meetings while they were a member still list them. */
export const FormerMemberSchema = MemberSchema.extend({ leftOn: z.iso.date({ message: 'expected a date YYYY-MM-DD' }) });
export type FormerMember = z.infer<typeof FormerMemberSchema>;

/** Per-network settings; every key optional in the import, with the defaults below. */
export const NetworkSettingsSchema = z.strictObject({
  /** Participation needed for consensus, as a share of eligible members (strictly more than). */
  quorum: z.number().gt(0).lt(1).default(0.5),
  /** Days before the due date when assignees are nudged. */
  nudgeDaysBefore: z.array(z.number().int().min(1).max(60)).max(10).default(() => [...DEFAULT_NUDGE_DAYS]),
  /** The minutes of a meeting held in Teams say when each item was dealt with. */
  minutesItemTimes: z.boolean().default(false),
});
export type NetworkSettings = z.infer<typeof NetworkSettingsSchema>;

/**
 * The organisation's letterhead on the minutes: its address block and who files them, as the
 * archive wants them. Every field optional; the secretary fills in what is missing by hand.
 */
export const LetterheadSchema = z.strictObject({
  street: text(200).optional(),
  /** "2300 København S" */
  postcodeCity: text(200).optional(),
  phone: text(50).optional(),
  email: email.optional(),
  web: text(200).optional(),
  /** Sagsbeh.: the caseworker's initials and the organisation's abbreviation, "MKK.NGC". */
  caseworker: text(50).optional(),
});
export type Letterhead = z.infer<typeof LetterheadSchema>;

export const NetworkSchema = z
  .strictObject({
    id: IdSchema,
    name: text(300),
    organisation: text(300),
    /** Enhed: the organisation's unit that serves the network. */
    unit: text(300).optional(),
    letterhead: LetterheadSchema.optional(),
    locale: z.string().default('da-DK'),
    timeZone: z.literal('Europe/Copenhagen', { error: 'only Europe/Copenhagen is supported' }).default('Europe/Copenhagen'),
    members: z.array(MemberSchema).min(1, 'a network needs at least one member').max(200),
    formerMembers: z.array(FormerMemberSchema).max(1000).optional(),
    // Parsed like given settings, so each default is written once, above.
    settings: NetworkSettingsSchema.prefault({}),
  })
  .superRefine((network, ctx) => {
    const seen = new Set<string>();
    network.members.forEach((member, i) => {
      if (seen.has(member.email)) ctx.addIssue({ code: 'custom', path: ['members', i, 'email'], message: `duplicate e-mail ${member.email}` });
      seen.add(member.email);
    });
  });
export type Network = z.infer<typeof NetworkSchema>;

export const ProposalSchema = z.strictObject({
  /** Stable within the item; defaults to its position ("1", "2", ...). */
  id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'expected letters, digits and dashes').optional(),
  kind: z.enum(['indication', 'decision']).default('decision'),
  title: text(500),
  criteria: text(2000).optional(),
  patientsPerYear: z.number().int().min(0).optional(),
  sequencingsPerYear: z.number().int().min(0).optional(),
  diagnosticYield: text(100).optional(),
  addedValue: text(2000).optional(),
});
export type Proposal = z.infer<typeof ProposalSchema> & { id: string };

/** Named members by e-mail, or a group: regions, members, all, or an appointing body. */
export const AssigneesSchema = z.union([text(100), z.array(email).min(1).max(200)]);
export type Assignees = z.infer<typeof AssigneesSchema>;

export const TaskSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/).optional(),
  title: text(300),
  description: text(2000).optional(),
  assignees: AssigneesSchema,
  due,
  deliverTo: email.optional(),
});
export type Task = z.infer<typeof TaskSchema> & { id: string };

/** A task without an id of its own is named by its item and position: "3-1". */
export const defaultTaskId = (itemNumber: number, index: number): string => `${itemNumber}-${index + 1}`;

/** A link to a file, e.g. in the channel's Files (SharePoint): https only, so a card never opens anything else. */
export const HttpsUrlSchema = z
  .string()
  .trim()
  .max(2000, 'at most 2000 characters')
  .regex(/^\S*$/, 'expected an https link without spaces')
  .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'expected an https link, e.g. https://…sharepoint.com/…' }));

/** A Bilag: its title, and a link to the file when it has one (papers handed out at the meeting have none). */
export const AttachmentSchema = z.strictObject({ title: text(500), url: HttpsUrlSchema.optional() });
export type Attachment = z.infer<typeof AttachmentSchema>;

/** "Title – https://…": how one line of text named an attachment and its link before each had its own fields. */
const TITLE_AND_LINK = /^(.*\S)\s+[–-]\s+(https:\/\/\S+)$/;

/** An attachment as a line of text, as older files and stores have them: a title, or "title – link". */
export function attachmentOfLine(line: string): Attachment {
  const [, title, url] = TITLE_AND_LINK.exec(line.trim()) ?? [];
  return title && HttpsUrlSchema.safeParse(url).success ? { title, url } : { title: line.trim() };
}

/** The most Bilag an item has: the item form shows a row for each, and a card has room for about this many. */
export const MAX_ATTACHMENTS = 20;

/** An attachment in a file: title and link, or (the earlier form) one line of text. */
const AttachmentInputSchema = z.preprocess((value) => (typeof value === 'string' ? attachmentOfLine(value) : value), AttachmentSchema);

export const AgendaItemSchema = z.strictObject({
  /** "Pkt. N/YYYY": numbered per network per calendar year across meetings. */
  number: z.number().int().min(0).max(999),
  minutes: z.number().int().min(0).max(600),
  title: text(300),
  recommendations: z.array(text(4000)).max(20).default([]),
  problem: text(10000).optional(),
  solution: text(10000).optional(),
  nextSteps: text(10000).optional(),
  attachments: z.array(AttachmentInputSchema).max(MAX_ATTACHMENTS).default([]),
  proposals: z.array(ProposalSchema).max(20).default([]),
  tasks: z.array(TaskSchema).max(20).default([]),
});
export type AgendaItem = Omit<z.infer<typeof AgendaItemSchema>, 'proposals' | 'tasks'> & {
  proposals: Proposal[];
  tasks: Task[];
};

export const MeetingImportSchema = z
  .strictObject({
    id: IdSchema.optional(),
    networkId: IdSchema,
    title: text(300),
    start: instant,
    end: instant,
    location: text(300),
    chair: email,
    secretary: email,
    caseNumber: text(50).optional(),
    documentNumber: text(50).optional(),
    /** A cancelled meeting keeps its record and says so; commands pass it over when choosing a meeting. */
    cancelled: z.strictObject({ at: instant, by: email }).optional(),
    agenda: z.array(AgendaItemSchema).min(1, 'an agenda needs at least one item').max(40),
  })
  .superRefine((meeting, ctx) => {
    if (Date.parse(meeting.end) <= Date.parse(meeting.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    }
    const numbers = new Set<number>();
    // Task ids name a task across the whole meeting (its deadlines are keyed by them), defaults included.
    const taskIds = new Map<string, string>();
    meeting.agenda.forEach((item, i) => {
      if (numbers.has(item.number)) ctx.addIssue({ code: 'custom', path: ['agenda', i, 'number'], message: `duplicate item number ${item.number}` });
      numbers.add(item.number);
      const ids = new Set<string>();
      item.proposals.forEach((p, j) => {
        const id = p.id ?? String(j + 1);
        if (ids.has(id)) ctx.addIssue({ code: 'custom', path: ['agenda', i, 'proposals', j, 'id'], message: `duplicate proposal id ${id}` });
        ids.add(id);
      });
      item.tasks.forEach((t, j) => {
        const id = t.id ?? defaultTaskId(item.number, j);
        const first = taskIds.get(id);
        if (first) ctx.addIssue({ code: 'custom', path: ['agenda', i, 'tasks', j, 'id'], message: `duplicate task id ${id} (also ${first})` });
        else taskIds.set(id, `agenda[${i}].tasks[${j}]`);
        if (Array.isArray(t.assignees)) {
          const emails = new Set<string>();
          t.assignees.forEach((email, k) => {
            if (emails.has(email)) ctx.addIssue({ code: 'custom', path: ['agenda', i, 'tasks', j, 'assignees', k], message: `duplicate assignee ${email}` });
            emails.add(email);
          });
        }
      });
    });
  });
export type MeetingImport = z.infer<typeof MeetingImportSchema>;

export interface Meeting extends Omit<MeetingImport, 'agenda' | 'id'> {
  id: string;
  agenda: AgendaItem[];
}
