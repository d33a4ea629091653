// Overblik: who the person is (as much as the viewer's role receives).
import { ageOn } from '../../../domain/dates.js';
import {
  countryDa,
  languageDa,
  programNameOn,
  RELATION_DA,
  RESIDENCE_BASIS_DA,
  SEX_DA,
  termDa,
} from '../../../domain/glossary.js';
import type { Program } from '../../../domain/model.js';
import { shippedPolicies } from '../../../policy/load.js';
import { dateDa, SyntheticNote } from '../../components.js';
import type { PageData } from './parts.js';

/**
 * The programme as the law in force today names it, and, when the person was taken over under an
 * earlier version that named it differently, that name too (LOV nr. 1654 af 30/12/2024).
 */
function ProgramName({ program, takeoverDate, today }: { program: Program; takeoverDate: string; today: string }) {
  const names = shippedPolicies().law.policy.names ?? [];
  const now = programNameOn(program, today, names);
  const then = programNameOn(program, takeoverDate, names);
  if (then === now) return <>{now}</>;
  return (
    <>
      {now}{' '}
      <span class="form-hint">
        (ved overtagelsen {dateDa(takeoverDate)}: {then.toLowerCase()})
      </span>
    </>
  );
}

export function OverviewSection({ person: p, today, showCpr }: PageData) {
  const name = `${p.givenName} ${p.familyName}`;
  return (
    <>
      <h2 id="overblik">Overblik</h2>
      <dl class="mb-dl">
        <dt>Navn</dt>
        <dd>
          {name} <SyntheticNote synthetic={p.synthetic} />
        </dd>
        <dt>Fødselsdato</dt>
        <dd>
          {dateDa(p.birthDate)} ({ageOn(p.birthDate, today)} år)
        </dd>
        {showCpr && (
          <>
            <dt>CPR-nummer</dt>
            <dd>
              {p.cpr ?? 'Intet CPR-nummer registreret'}
              {p.cprKind === 'replacement' ? ' (erstatningsnummer)' : ''}
            </dd>
          </>
        )}
        <dt>Køn</dt>
        <dd>{termDa(SEX_DA, p.sex)}</dd>
        <dt>Plads i husstanden</dt>
        <dd>{termDa(RELATION_DA, p.relation)}</dd>
        <dt>Opholdsgrundlag</dt>
        <dd>{termDa(RESIDENCE_BASIS_DA, p.residenceBasis)}</dd>
        <dt>Program</dt>
        <dd>
          {p.program ? (
            <ProgramName program={p.program} takeoverDate={p.takeoverDate} today={today} />
          ) : (
            'Intet program'
          )}
        </dd>
        <dt>Oprindelsesland</dt>
        <dd>{countryDa(p.countryOfOrigin)}</dd>
        <dt>Sprog</dt>
        <dd>{p.languages.length ? p.languages.map(languageDa).join(', ') : 'Ikke registreret'}</dd>
        <dt>Ankomst til kommunen</dt>
        <dd>{dateDa(p.arrivalDate)}</dd>
        <dt>Kommunen overtog ansvaret</dt>
        <dd>{dateDa(p.takeoverDate)}</dd>
        {p.contactPerson !== undefined && (
          <>
            <dt>Fast kontaktperson</dt>
            <dd>{p.contactPerson ? p.contactPerson.name : 'Ingen'}</dd>
          </>
        )}
      </dl>
    </>
  );
}
