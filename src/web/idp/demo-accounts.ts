// The demo users listed on the local identity provider's sign-in page: the synthetic staff of
// the five policy municipalities (so a demo caseworker has real cases in the worklist), and a
// demo administrator and analyst for each.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { MUNICIPALITIES, POLICY_MUNICIPALITIES } from '../../domain/municipalities.js';
import type { DemoAccount } from './demo-idp.js';

export async function demoAccounts(db: Kysely<DB>): Promise<DemoAccount[]> {
  // Runs as the owner at start-up: a list across municipalities, names and roles only.
  const staff = await db.selectFrom('users').select(['municipality_code', 'name', 'role'])
    .where('synthetic', '=', true).where('role', 'in', ['caseworker', 'team_lead', 'housing', 'institution', 'volunteer_coordinator'])
    .orderBy('municipality_code').orderBy('role').orderBy('name').execute();
  const accounts: DemoAccount[] = [];
  for (const code of ['580', ...POLICY_MUNICIPALITIES.filter((c) => c !== '580')]) {
    const municipalityName = MUNICIPALITIES.find((m) => m.code === code)!.name;
    const own = staff.filter((s) => s.municipality_code === code);
    // Two caseworkers are enough to try; every other role once.
    const shown = [...own.filter((s) => s.role === 'caseworker').slice(0, 2), ...own.filter((s) => s.role !== 'caseworker')];
    for (const s of shown) accounts.push({ id: `${code}:${s.name}`, name: s.name, municipalityCode: code, municipalityName, role: s.role });
    if (!own.some((s) => s.role === 'caseworker')) accounts.push({ id: `${code}:Demo-sagsbehandler`, name: `Demo-sagsbehandler ${municipalityName}`, municipalityCode: code, municipalityName, role: 'caseworker' });
    accounts.push({ id: `${code}:Demo-administrator`, name: `Demo-administrator ${municipalityName}`, municipalityCode: code, municipalityName, role: 'admin' });
    accounts.push({ id: `${code}:Demo-analytiker`, name: `Demo-analytiker ${municipalityName}`, municipalityCode: code, municipalityName, role: 'analyst' });
  }
  return accounts;
}
