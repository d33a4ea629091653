// The demo users listed on the local identity provider's sign-in page: the synthetic staff of
// the five policy municipalities (so a demo caseworker has real cases in the worklist), and a
// demo administrator, analyst and secretariat for each. Every account is an identity of the demo issuer.
import { MUNICIPALITIES, POLICY_MUNICIPALITIES } from '../../domain/municipalities.js';
import { todayIso } from '../../domain/dates.js';
import { demoCitizens } from '../../services/citizen.js';
import type { Database, Vault } from '../../services/context.js';
import { demoStaff } from '../../services/demo-staff.js';
import type { DemoAccount } from './demo-idp.js';

export async function demoAccounts(db: Database, vault?: Vault): Promise<DemoAccount[]> {
  // Read at start-up, one tenant transaction per municipality (on PostgreSQL the server's login
  // role sees no user outside a tenant): names and roles only. Each account's subject is the
  // identity the seed recorded for that user with the demo issuer, so signing in as "Mette
  // Hansen, sagsbehandler" is that user by subject, not by name.
  const staff = await demoStaff(db, POLICY_MUNICIPALITIES, [
    'caseworker',
    'team_lead',
    'housing',
    'institution',
    'volunteer_coordinator',
  ]);
  // The demo citizens (issue 14): adults and a parent of each municipality, found later by their CPR claim.
  const citizens = vault ? await demoCitizens(db, vault, POLICY_MUNICIPALITIES, todayIso()) : [];
  const accounts: DemoAccount[] = [];
  for (const code of ['580', ...POLICY_MUNICIPALITIES.filter((c) => c !== '580')]) {
    const municipality = MUNICIPALITIES.find((m) => m.code === code);
    if (!municipality) throw new Error(`Policy municipality ${code} is not a municipality.`);
    const municipalityName = municipality.name;
    const own = staff.filter((s) => s.municipality_code === code);
    // Two caseworkers are enough to try; every other role once.
    const shown = [
      ...own.filter((s) => s.role === 'caseworker').slice(0, 2),
      ...own.filter((s) => s.role !== 'caseworker'),
    ];
    for (const s of shown)
      accounts.push({ id: s.subject, name: s.name, municipalityCode: code, municipalityName, role: s.role });
    // Users the seed does not hold: created at their first sign-in, keyed by these subjects.
    if (!own.some((s) => s.role === 'caseworker'))
      accounts.push({
        id: `demo:${code}:caseworker`,
        name: `Demo-sagsbehandler ${municipalityName}`,
        municipalityCode: code,
        municipalityName,
        role: 'caseworker',
      });
    accounts.push({
      id: `demo:${code}:admin`,
      name: `Demo-administrator ${municipalityName}`,
      municipalityCode: code,
      municipalityName,
      role: 'admin',
    });
    accounts.push({
      id: `demo:${code}:analyst`,
      name: `Demo-analytiker ${municipalityName}`,
      municipalityCode: code,
      municipalityName,
      role: 'analyst',
    });
    accounts.push({
      id: `demo:${code}:secretariat`,
      name: `Demo-sekretariat ${municipalityName}`,
      municipalityCode: code,
      municipalityName,
      role: 'secretariat',
    });
    accounts.push({
      id: `demo:${code}:company_consultant`,
      name: `Demo-virksomhedskonsulent ${municipalityName}`,
      municipalityCode: code,
      municipalityName,
      role: 'company_consultant',
    });
    for (const c of citizens.filter((x) => x.municipalityCode === code))
      accounts.push({
        id: c.subject,
        name: c.name,
        municipalityCode: code,
        municipalityName,
        role: 'citizen',
        cpr: c.cpr,
        parent: c.parent,
      });
  }
  return accounts;
}
