// CSV files the API hands out (RFC 4180: comma, double quotes, CRLF; UTF-8): a header row of
// column names and the rows, booleans as true/false.
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | null | undefined;

export function csv(header: readonly string[], rows: readonly Cell[][]): string {
  return stringify([header, ...rows], { record_delimiter: 'windows', cast: { boolean: (b) => String(b) } });
}
