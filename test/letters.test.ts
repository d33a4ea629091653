// Letters and documents (issue 13): the summons letter and the integration contract are valid PDFs
// whose text (read back with pdftotext) is the Danish letter, followed by the Arabic one for an
// Arabic-speaking person (the Arabic words in their order) and by nothing else for a person whose
// language has no translation; each read is access-logged for the person; another municipality
// cannot read them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities/580';
/** Where the PDFs are written for pdftotext (removed when every engine's suite is done). */
const dir = mkdtempSync(path.join(tmpdir(), 'medborger-letters-'));
let n = 0;
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The text of a PDF as pdftotext reads it (right-to-left lines in reading order, without the bidi marks it adds). */
function pdfText(bytes: Buffer, raw = false): string {
  const file = path.join(dir, `letter-${String(n++)}.pdf`);
  writeFileSync(file, bytes);
  return (
    execFileSync('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      // pdftotext marks right-to-left runs with bidi embedding controls
      .replace(/[\u202a-\u202e\u200e\u200f]/g, '')
  );
}

/** The Arabic words of a text (letters only: no punctuation, no short-vowel marks), in order. */
function arabicWords(text: string): string {
  return (text.replace(/[\u064b-\u065f\u0670]/g, '').match(/[\u0621-\u064a]+/g) ?? []).join(' ');
}

/** Whether the Arabic phrase comes back from the PDF with its words in their order. */
function hasArabic(text: string, phrase: string): boolean {
  return arabicWords(text).includes(arabicWords(phrase));
}

forEachEngine('letters and documents', (engine) => {
  let t: TestApp;
  let cw: Record<string, string>;
  before(async () => {
    t = await openTestApp(engine);
    cw = auth(await t.token('580', 'caseworker'));
  });
  after(async () => {
    await t.close();
  });

  async function person(languages: string[], familyName: string) {
    const family = aFamily({ takeoverDate: '2026-11-02', arrivalDate: '2026-11-02' });
    for (const m of family.members) m.familyName = familyName;
    family.members[0]!.languages = languages;
    const res = await t.app.inject({ method: 'POST', url: `${M}/households`, headers: cw, payload: family });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json<{ members: { personId: string }[] }>().members[0]!.personId;
    const booked = await t.app.inject({
      method: 'POST',
      url: `${M}/persons/${id}/appointments`,
      headers: cw,
      payload: {
        startsAt: '2026-12-14T10:00:00+01:00',
        durationMinutes: 45,
        purpose: 'contract_follow_up',
        place: 'Jobcentret, Skelbækvej 2',
        interpreterLanguage: languages[0],
        ruleId: 'law.contract-follow-ups',
      },
    });
    assert.equal(booked.statusCode, 201, booked.body);
    return { id, appointmentId: booked.json<{ id: string }>().id };
  }

  const logRows = async (personId: string, resource: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from access_log where person_id = ${personId} and resource = ${resource} and action = 'export'`.execute(
        t.database.db,
      )
    ).rows[0]!.n;

  test('the summons letter of an Arabic-speaking person is a PDF in Danish and then in Arabic, named for Digital Post, and its reading is logged', async () => {
    const p = await person(['ar'], 'Indkaldelsesprøve');
    const res = await t.app.inject({
      url: `${M}/persons/${p.id}/appointments/${p.appointmentId}/letter.pdf`,
      headers: cw,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="indkaldelse-2026-12-14-${p.appointmentId}.pdf"`,
    );
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(res.rawPayload);
    for (const danish of [
      'Indkaldelse til samtale',
      'Amal Indkaldelsesprøve',
      'mandag 14. december 2026 kl. 10.00',
      '45 minutter',
      'Jobcentret, Skelbækvej 2',
      'Formålet er at følge op på din integrationskontrakt',
      'Vi har bestilt en tolk. Tolken taler Arabisk.',
      'Husk at medbringe',
      'Hvis du ikke kan komme',
      '73 76 76 76',
      'integrationsloven § 20, stk. 1, 2. pkt.',
      'Aabenraa Kommune',
    ])
      assert.ok(text.replace(/\s+/g, ' ').includes(danish), `Danish text: ${danish}\n${text}`);
    for (const arabic of [
      'دعوة لحضور مقابلة',
      'ندعوك لحضور مقابلة مع البلدية.',
      'الغرض من المقابلة هو متابعة عقد الاندماج الخاص بك',
      'لقد حجزنا مترجماً فورياً يتحدث العربية.',
      'إذا لم تتمكن من الحضور',
    ])
      assert.ok(hasArabic(text, arabic), `Arabic text in reading order: ${arabic}\n${text}`);
    assert.ok(text.indexOf('Indkaldelse til samtale') < text.indexOf('دعوة لحضور مقابلة'), 'Danish first');
    assert.equal(await logRows(p.id, 'letter'), 1);
  });

  test('the letter of a person whose language has no translation is in Danish only', async () => {
    const p = await person(['ti'], 'Tigrinyaprøve');
    const res = await t.app.inject({
      url: `${M}/persons/${p.id}/appointments/${p.appointmentId}/letter.pdf`,
      headers: cw,
    });
    assert.equal(res.statusCode, 200);
    const text = pdfText(res.rawPayload);
    assert.ok(text.includes('Indkaldelse til samtale'));
    assert.ok(text.includes('Tolken taler Tigrinya'));
    assert.doesNotMatch(text, /[\u0600-\u06ff]/, 'no Arabic');
  });

  test('the contract document has the goal, the activities with hours, the follow-ups and the signatures, in Danish and Arabic', async () => {
    const p = await person(['ar'], 'Kontraktprøve');
    const put = await t.app.inject({
      method: 'PUT',
      url: `${M}/persons/${p.id}/contract`,
      headers: cw,
      payload: { goal: 'Job som elektriker', goalKind: 'employment', signedOn: '2026-11-20' },
    });
    assert.ok(put.statusCode < 300, put.body);
    const act = await t.app.inject({
      method: 'POST',
      url: `${M}/persons/${p.id}/activities`,
      headers: cw,
      payload: {
        kind: 'company_internship',
        startDate: '2026-11-16',
        hoursPerWeek: 22.5,
        provider: 'Aabenraa Elektro',
      },
    });
    assert.equal(act.statusCode, 201, act.body);
    const res = await t.app.inject({ url: `${M}/persons/${p.id}/contract.pdf`, headers: cw });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="integrationskontrakt-2026-11-23-[0-9a-f-]{36}\.pdf"$/,
    );
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    for (const danish of [
      'Integrationskontrakt',
      'bekendtgørelse nr. 1761 af 30. december 2024',
      'Job som elektriker',
      'Virksomhedspraktik',
      '22,5',
      'Aabenraa Elektro',
      'mindst 4 gange i de første 6 måneder',
      '14. december 2026',
      'Borgerens underskrift',
      'For kommunen',
      'Amal Kontraktprøve',
    ])
      assert.ok(text.includes(danish), `Danish: ${danish}\n${text}`);
    for (const arabic of [
      'عقد الاندماج',
      'تدريب عملي في شركة',
      'توقيع المواطن',
      'أربع مرات على الأقل خلال الأشهر الستة الأولى',
    ])
      assert.ok(hasArabic(text, arabic), `Arabic: ${arabic}\n${text}`);
    assert.equal(await logRows(p.id, 'contract'), 1);
  });

  test('another municipality and a role that does not see the case cannot read the letters', async () => {
    const p = await person(['ar'], 'Adgangsprøve');
    const other = auth(await t.token('550', 'caseworker'));
    for (const url of [
      `${M}/persons/${p.id}/contract.pdf`,
      `${M}/persons/${p.id}/appointments/${p.appointmentId}/letter.pdf`,
    ]) {
      assert.equal((await t.app.inject({ url, headers: other })).statusCode, 404);
      const housing = await t.app.inject({ url, headers: auth(await t.token('580', 'housing')) });
      assert.equal(housing.statusCode, 403);
      assert.match(String(housing.headers['content-type']), /^application\/problem\+json/);
    }
    assert.equal(await logRows(p.id, 'letter'), 0);
  });

  test('a file attached to the case is listed, downloaded as it was (logged) and deleted with a reason; another municipality cannot read it', async () => {
    const p = await person(['ar'], 'Bilagsprøve');
    const url = `${M}/persons/${p.id}/attachments`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
    const up = await t.app.inject({
      method: 'POST',
      url: `${url}?fileName=${encodeURIComponent('opholdstilladelse.pdf')}`,
      headers: { ...cw, 'content-type': 'application/pdf' },
      payload: pdf,
    });
    assert.equal(up.statusCode, 201, up.body);
    const a = up.json<{ id: string; sizeBytes: number; fileName: string }>();
    assert.equal(a.sizeBytes, pdf.length);
    const list = await t.app.inject({ url, headers: cw });
    assert.deepEqual(
      list.json<{ attachments: { id: string }[] }>().attachments.map((x) => x.id),
      [a.id],
    );
    const down = await t.app.inject({ url: `${url}/${a.id}`, headers: cw });
    assert.equal(down.statusCode, 200);
    assert.equal(down.headers['content-type'], 'application/pdf');
    assert.match(String(down.headers['content-disposition']), /opholdstilladelse\.pdf/);
    assert.ok(down.rawPayload.equals(pdf), 'the same bytes back');
    assert.equal(await logRows(p.id, 'attachment'), 1, 'the download is logged');
    const other = auth(await t.token('550', 'caseworker'));
    assert.equal((await t.app.inject({ url, headers: other })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `${url}/${a.id}`, headers: other })).statusCode, 404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `${url}/${a.id}`,
      headers: cw,
      payload: { reason: 'Uploadet på forkert borger' },
    });
    assert.equal(del.statusCode, 200, del.body);
    assert.equal(del.json<{ deleted: boolean; deletedReason: string }>().deletedReason, 'Uploadet på forkert borger');
    const gone = await t.app.inject({ url: `${url}/${a.id}`, headers: cw });
    assert.equal(gone.statusCode, 409);
    assert.equal(gone.json<{ code: string }>().code, 'attachment.deleted');
  });

  test('an attachment of the wrong type, with bytes of another type, empty or over 10 MB is refused with problem+json', async () => {
    const p = await person(['ti'], 'Bilagsgrænseprøve');
    const upload = (contentType: string, payload: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: `${M}/persons/${p.id}/attachments?fileName=fil`,
        headers: { ...cw, 'content-type': contentType },
        payload,
      });
    const cases: [string, Buffer, number, string | null][] = [
      ['image/png', Buffer.from('%PDF-1.4 not a png'), 422, 'attachment.content_mismatch'],
      ['application/pdf', Buffer.from('MZ\x90\x00 an executable'), 422, 'attachment.content_mismatch'],
      ['text/plain', Buffer.from([0x41, 0x00, 0x42]), 422, 'attachment.content_mismatch'],
      ['application/zip', Buffer.from('PK\x03\x04'), 415, null],
      ['application/pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]), 413, null],
    ];
    for (const [type, payload, status, code] of cases) {
      const res = await upload(type, payload);
      assert.equal(res.statusCode, status, `${type}: ${res.body.slice(0, 200)}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      if (code) assert.equal(res.json<{ code: string }>().code, code);
    }
    const text = await upload('text/plain; charset=utf-8', Buffer.from('Notat: borgeren ønsker tolk på tigrinya.\n'));
    assert.equal(text.statusCode, 201, text.body);
    const png = await upload('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    assert.equal(png.statusCode, 201, png.body);
  });
});
