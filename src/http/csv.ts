// CSV responses of the API: a file to download (attachment, not cached), and the body schema the
// OpenAPI document gives it.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export const CsvBody = z.string().meta({ description: 'RFC 4180 CSV, UTF-8, the columns named as the JSON fields' });

/** Sends a CSV file to download under its file name, never cached. */
export function csvReply(reply: FastifyReply, filename: string, body: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${filename}"`)
    .header('Cache-Control', 'no-store')
    .send(body);
}
