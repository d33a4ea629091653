// Whether a text a user will read is English rather than Danish. Policy files are read by Danish
// caseworkers, complaints boards and auditors: a legal rule quotes the statute in Danish, and every
// title, interpretation and reason is Danish. The test is a count of function words that are
// common in one language and absent from the other; it needs no dictionary and never flags a
// Danish sentence that cites an English name.

const ENGLISH = new Set(
  'the of and is are was were be been with within which that this these those from by or an as on its their has must shall should not no every each after before when where who whom than into only yet'.split(
    ' ',
  ),
);
const DANISH = new Set(
  'og i af til er var være med inden som der den det de en et fra ved eller på sin sine har skal skulle ikke ingen hver efter før når hvor hvem end kun endnu om at for kan'.split(
    ' ',
  ),
);

/** The English and Danish function words of a text. */
export function functionWords(text: string): { english: number; danish: number } {
  let english = 0;
  let danish = 0;
  for (const word of text.toLowerCase().match(/[a-zæøå]+/g) ?? []) {
    if (ENGLISH.has(word)) english++;
    if (DANISH.has(word)) danish++;
  }
  return { english, danish };
}

/** True for a text with at least two English function words and more English than Danish ones. */
export function looksEnglish(text: string): boolean {
  const { english, danish } = functionWords(text);
  return english >= 2 && english > danish;
}
