// Entity tags for optimistic concurrency: a strong ETag from the row's version number.

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** True when an If-Match header names the given version (a list and weak tags are accepted). */
export function matchesEtag(ifMatch: string, version: number): boolean {
  if (ifMatch.trim() === '*') return true;
  return ifMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .includes(etagOf(version));
}
