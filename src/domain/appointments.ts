// Appointments (issue 13): a planned meeting with a person, its vocabulary, Danish local time, the
// conflicts of a caseworker's appointments, and the proposals Medborger makes from the cadence
// rules (the four contract follow-ups of the first six months, the yearly family follow-up): pure.
import { addDays, addDuration, daysBetween, parseDuration, type IsoDate } from './dates.js';
import type { AppointmentPurpose, ConversationKind, FollowUpKind } from './model.js';
export { APPOINTMENT_PURPOSES, APPOINTMENT_STATUSES, PLACE_KINDS } from './model.js';
export type { AppointmentPurpose, AppointmentStatus, PlaceKind } from './model.js';
import { anchorDate, type CaseFacts } from './obligations.js';
import type { CadenceRule, Evidence } from './rules.js';

/** The conversation a held appointment becomes (the kinds the cadence rules count). */
export const CONVERSATION_KIND_OF_PURPOSE: Record<AppointmentPurpose, ConversationKind> = {
  contract_follow_up: 'contract_follow_up',
  visitation: 'visitation',
  family_follow_up: 'other',
  health_assessment: 'other',
  other: 'other',
};

/** The follow-up record a held appointment also is, where the rules count follow-ups of a kind. */
export const FOLLOW_UP_KIND_OF_PURPOSE: Partial<Record<AppointmentPurpose, FollowUpKind>> = {
  family_follow_up: 'family',
};

/** The usual length of a meeting of each purpose, in minutes (a proposal's duration). */
export const DEFAULT_DURATION: Record<AppointmentPurpose, number> = {
  contract_follow_up: 45,
  visitation: 90,
  family_follow_up: 60,
  health_assessment: 60,
  other: 30,
};

/** Office hours proposals fall in: start and end of the day in Danish time, the step between starts. */
export const OFFICE_HOURS = { from: '09:00', to: '15:00', stepMinutes: 30 } as const;

// ---- Danish local time -----------------------------------------------------------------------

const COPENHAGEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

export interface LocalTime {
  date: IsoDate;
  /** HH:MM */
  time: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** A moment as Danish local date, time and weekday. */
export function inDenmark(at: Date): LocalTime {
  const p = Object.fromEntries(COPENHAGEN.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    date: `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''}`,
    time: `${p.hour ?? ''}:${p.minute ?? ''}`,
    weekday: WEEKDAYS[p.weekday ?? ''] ?? 0,
  };
}

function localMillis(at: Date): number {
  const p = Object.fromEntries(COPENHAGEN.formatToParts(at).map((x) => [x.type, x.value]));
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** The moment a Danish local date and time (HH:MM) names. */
export function danishInstant(date: IsoDate, time: string): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, min = 0] = time.split(':').map(Number);
  const wanted = Date.UTC(y, m - 1, d, h, min);
  let guess = wanted;
  for (let i = 0; i < 3; i++) guess += wanted - localMillis(new Date(guess));
  return new Date(guess);
}

/** An ISO timestamp with the Danish offset, e.g. 2026-01-12T10:00:00+01:00. */
export function danishTimestamp(at: Date): string {
  const local = inDenmark(at);
  const offset = Math.round((localMillis(at) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local.date}T${local.time}:00${sign}${hh}:${mm}`;
}

/**
 * The service's "now": the clock's date (the demo's or a test's fixed day, else today) at the
 * current Danish time of day, so that a fixed day still has a morning and an afternoon.
 */
export function serviceNow(today: IsoDate, now: Date = new Date()): Date {
  if (inDenmark(now).date === today) return now;
  return new Date(danishInstant(today, inDenmark(now).time).getTime() + (now.getTime() % 60_000));
}

/** Monday of the week a day lies in. */
export function mondayOf(date: IsoDate): IsoDate {
  const weekday = inDenmark(danishInstant(date, '12:00')).weekday;
  return addDays(date, 1 - weekday);
}

/** ISO 8601 week number and its year of a day, e.g. 2026-W03. */
export function isoWeekOf(date: IsoDate): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week (2026-W03), or null when it is not one. */
export function mondayOfIsoWeek(week: string): IsoDate | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  const monday = addDays(mondayOf(`${m[1] ?? ''}-01-04`), (n - 1) * 7);
  return isoWeekOf(monday) === week ? monday : null;
}

// ---- Conflicts -------------------------------------------------------------------------------

export interface TimeSlot {
  id: string;
  caseworkerId: string;
  startsAt: Date;
  durationMinutes: number;
}

const endOf = (s: { startsAt: Date; durationMinutes: number }) => s.startsAt.getTime() + s.durationMinutes * 60_000;

/** Whether two meetings overlap in time (touching ends do not). */
export function overlaps(
  a: { startsAt: Date; durationMinutes: number },
  b: { startsAt: Date; durationMinutes: number },
) {
  return a.startsAt.getTime() < endOf(b) && b.startsAt.getTime() < endOf(a);
}

/** For each appointment, the other appointments of the same caseworker it overlaps. */
export function conflictsOf(slots: readonly TimeSlot[]): Map<string, string[]> {
  const byCaseworker = new Map<string, TimeSlot[]>();
  for (const s of slots) byCaseworker.set(s.caseworkerId, [...(byCaseworker.get(s.caseworkerId) ?? []), s]);
  const out = new Map<string, string[]>(slots.map((s) => [s.id, []]));
  for (const own of byCaseworker.values()) {
    own.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 0; i < own.length; i++) {
      const a = own[i];
      if (!a) continue;
      for (let j = i + 1; j < own.length; j++) {
        const b = own[j];
        if (!b || b.startsAt.getTime() >= endOf(a)) break;
        out.get(a.id)?.push(b.id);
        out.get(b.id)?.push(a.id);
      }
    }
  }
  return out;
}

// ---- Proposals from the cadence rules ----------------------------------------------------------

/** The purpose of the meetings a cadence rule counts, or null when it counts none an appointment can be. */
export function purposeOfEvidence(evidence: readonly Evidence[]): AppointmentPurpose | null {
  const counts = (type: 'conversation' | 'follow_up', kind: string) =>
    evidence.some((e) => e.type === type && (e.kinds as string[]).includes(kind));
  if (counts('conversation', 'contract_follow_up') || counts('follow_up', 'contract')) return 'contract_follow_up';
  if (counts('follow_up', 'family')) return 'family_follow_up';
  if (counts('conversation', 'visitation')) return 'visitation';
  return null;
}

/**
 * Whether a planned appointment is booked against a rule (the worklist shows it beside the
 * obligation): the rule it was booked from, or, booked by hand, a meeting of the purpose whose
 * record the rule counts.
 */
export function bookedAgainst(
  appointment: { purpose: AppointmentPurpose; ruleId: string | null },
  rule: { id: string; evidence?: unknown },
): boolean {
  if (appointment.ruleId !== null) return appointment.ruleId === rule.id;
  const evidence = Array.isArray(rule.evidence) ? (rule.evidence as readonly Evidence[]) : [];
  if (evidence.length === 0) return false;
  if (purposeOfEvidence(evidence) === appointment.purpose) return true;
  if (appointment.purpose === 'visitation') return evidence.some((e) => e.type === 'visitation_held');
  if (appointment.purpose === 'health_assessment') return evidence.some((e) => e.type === 'health_assessment_offered');
  return false;
}

/** The first window of a cadence that has not ended on `today`: [start, end). */
export function currentWindow(
  rule: CadenceRule,
  facts: CaseFacts,
  today: IsoDate,
): { start: IsoDate; end: IsoDate } | null {
  const within = parseDuration(rule.within);
  if (!within) return null;
  const start = anchorDate(facts, rule.from, rule.offset);
  const repeat = rule.repeatFor ? parseDuration(rule.repeatFor) : null;
  const last = repeat ? addDuration(start, repeat) : addDuration(start, within);
  for (let s = start; s < last; s = addDuration(s, within)) {
    const e = addDuration(s, within);
    if (today < e) return { start: s, end: e };
  }
  return null;
}

/** The dates of the records a cadence counts (conversations and follow-ups of its kinds). */
function countedDates(facts: CaseFacts, evidence: readonly Evidence[]): IsoDate[] {
  const out: IsoDate[] = [];
  for (const e of evidence) {
    const kinds = 'kinds' in e ? (e.kinds as string[]) : [];
    if (e.type === 'conversation')
      out.push(...facts.conversations.filter((c) => kinds.includes(c.kind)).map((c) => c.date));
    if (e.type === 'follow_up') out.push(...facts.followUps.filter((f) => kinds.includes(f.kind)).map((f) => f.date));
  }
  return out;
}

export interface ProposalInput {
  /** The cadence rules that apply to the person on `today` (their obligations are not "not applicable"). */
  rules: readonly CadenceRule[];
  facts: CaseFacts;
  today: IsoDate;
  /** Nothing is proposed before this moment. */
  now: Date;
  /** The person's planned appointments (the held ones are conversations in `facts`). */
  planned: readonly { purpose: AppointmentPurpose; date: IsoDate }[];
  /** The caseworker's planned appointments, with anyone: a proposal never overlaps one. */
  busy: readonly { startsAt: Date; durationMinutes: number }[];
}

export interface Proposal {
  startsAt: Date;
  date: IsoDate;
  durationMinutes: number;
  purpose: AppointmentPurpose;
  ruleId: string;
  ruleTitle: string;
  /** The window the meeting counts in: [from, before). */
  window: { from: IsoDate; before: IsoDate };
  source: CadenceRule['source'];
}

/** The days a window's `count` meetings are best held on: spread evenly, each in the middle of its share. */
function spread(from: IsoDate, before: IsoDate, count: number): IsoDate[] {
  const days = daysBetween(from, before);
  return Array.from({ length: count }, (_, i) => addDays(from, Math.floor((days * (2 * i + 1)) / (2 * count))));
}

/**
 * The meetings still to book for each cadence rule: in its current window, `count` less the
 * records and planned appointments already in it, on days spread over the window (what is left of
 * it, when the best days have passed), each at the first free time of the caseworker in office
 * hours on a weekday from that day on.
 */
export function proposeAppointments(input: ProposalInput): Proposal[] {
  const out: Proposal[] = [];
  const busy = [...input.busy];
  for (const rule of input.rules) {
    const purpose = purposeOfEvidence(rule.evidence);
    if (!purpose) continue;
    const window = currentWindow(rule, input.facts, input.today);
    if (!window) continue;
    const inWindow = (d: IsoDate) => d >= window.start && d < window.end;
    const covered = [
      ...countedDates(input.facts, rule.evidence).filter(inWindow),
      ...input.planned.filter((p) => p.purpose === purpose && inWindow(p.date)).map((p) => p.date),
    ];
    let targets = spread(window.start, window.end, rule.count);
    for (const date of covered) {
      if (targets.length === 0) break;
      let nearest = 0;
      targets.forEach((t, i) => {
        if (Math.abs(daysBetween(date, t)) < Math.abs(daysBetween(date, targets[nearest] ?? t))) nearest = i;
      });
      targets = targets.filter((_, i) => i !== nearest);
    }
    if (targets.length === 0) continue;
    const earliest = inDenmark(input.now).date;
    if (earliest >= window.end) continue;
    if ((targets[0] ?? earliest) < earliest) targets = spread(earliest, window.end, targets.length);
    const durationMinutes = DEFAULT_DURATION[purpose];
    for (const target of targets) {
      const startsAt = firstFreeSlot(target, durationMinutes, input.now, busy);
      if (!startsAt) continue;
      busy.push({ startsAt, durationMinutes });
      out.push({
        startsAt,
        date: inDenmark(startsAt).date,
        durationMinutes,
        purpose,
        ruleId: rule.id,
        ruleTitle: rule.title,
        window: { from: window.start, before: window.end },
        source: rule.source,
      });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

const minutesOf = (time: string) => {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
};
const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The first start on a weekday from `day` on, in office hours, after `now`, overlapping nothing busy (within 8 weeks). */
export function firstFreeSlot(
  day: IsoDate,
  durationMinutes: number,
  now: Date,
  busy: readonly { startsAt: Date; durationMinutes: number }[],
): Date | null {
  const open = minutesOf(OFFICE_HOURS.from);
  const close = minutesOf(OFFICE_HOURS.to);
  for (let i = 0; i < 56; i++) {
    const date = addDays(day, i);
    if (inDenmark(danishInstant(date, '12:00')).weekday > 5) continue;
    for (let m = open; m + durationMinutes <= close; m += OFFICE_HOURS.stepMinutes) {
      const startsAt = danishInstant(date, timeOf(m));
      if (startsAt.getTime() <= now.getTime()) continue;
      if (busy.some((b) => overlaps(b, { startsAt, durationMinutes }))) continue;
      return startsAt;
    }
  }
  return null;
}
