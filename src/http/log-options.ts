// The server's logger (pino) with every CPR-like run masked: a log line can quote an error, a
// database message or a header, and none of them may carry a CPR number in clear.
import { maskCprInText } from '../domain/cpr.js';

function masked(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCprInText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const code = (value as { code?: unknown }).code;
    return {
      type: name,
      message: maskCprInText(message),
      ...(stack ? { stack: maskCprInText(stack) } : {}),
      ...(code !== undefined ? { code } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => masked(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, depth + 1)]));
}

/** pino options for the server: the level, and CPR numbers masked in messages and fields. */
export function cprSafeLogger(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    ...(stream ? { stream } : {}),
    formatters: { log: (object: Record<string, unknown>) => masked(object) as Record<string, unknown> },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? maskCprInText(a) : a)),
        );
      },
    },
  };
}
