// The worklist as CSV for a caseworker or team lead to take out (a spreadsheet, a meeting): one row
// per obligation in the worklist's order, the columns named as the JSON fields. Only what the
// worklist shows: names, the rule, its short source, due date, status and the contact person;
// never a CPR number.
import type { worklistExport } from '../obligations.js';
import { csv } from './csv.js';

type WorklistExportView = Awaited<ReturnType<typeof worklistExport>>;

export function worklistCsv(view: WorklistExportView): string {
  const header = [
    'on',
    'group',
    'personId',
    'givenName',
    'familyName',
    'ruleId',
    'title',
    'sourceShort',
    'dueDate',
    'status',
    'daysOverdue',
    'contactPerson',
    'bookedAt',
  ];
  return csv(
    header,
    view.items.map((i) => [
      view.on,
      i.group,
      i.personId,
      i.givenName,
      i.familyName,
      i.ruleId,
      i.title,
      i.sourceShort,
      i.dueDate,
      i.status,
      i.daysOverdue,
      i.contactPerson?.name ?? null,
      i.booked?.startsAt ?? null,
    ]),
  );
}
