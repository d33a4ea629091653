// Kysely table types of migration 0010 (arrivals imported from the housing-placement notice, and
// the takeover's decision date and consent per person). Merged into the `DB` of schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable column: may be left out on insert (null). */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** A housing-placement notice imported: its own reference (unique per municipality) and the household it created. */
export interface ArrivalNoticesTable {
  municipality_code: string;
  reference: string;
  household_id: string;
  decision_date: string;
  imported_at: Timestamp;
  imported_by: Nullable<string>;
}

/** The tables of 0010, for the `DB` of schema.ts. */
export interface ArrivalsDB {
  arrival_notices: ArrivalNoticesTable;
}

/** 0010: the columns persons gains (added to PersonsTable in schema.ts). */
export interface PersonsArrivalColumns {
  /** The visitation decision the takeover date follows from (integrationsloven § 4, stk. 2); null when none. */
  decision_date: Nullable<string>;
  /** The takeover is earlier than the law's date, with the person's consent. */
  takeover_by_consent: Generated<boolean>;
}
