// The person page: a citizen's case in one page, section by section as the viewer's role allows
// (the service decides what each role receives), with the obligations from law and policy and a
// form per case record. Every form works without JavaScript: POST, then 303 back to the section
// (Post/Redirect/Get); a rejected form is shown again with the error summary, the inline errors
// and the values the user typed. And the person's access log on its own page.
// Each section is its own module; the forms are defined in forms.ts; pages call services only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, seesMaskedCpr } from '../../../domain/authorization.js';
import { ageOn } from '../../../domain/dates.js';
import { sectionsThatApply } from '../../../domain/person-sections.js';
import { personAccessLog } from '../../../services/access-log.js';
import {
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../../../services/errors.js';
import { personCase } from '../../../services/person-case.js';
import { page, SyntheticNote } from '../../components.js';
import { bodyString, formError, formErrors, readValues, serviceErrors, type FormError } from '../../forms.js';
import type { WebTools } from '../../tools.js';
import { AccessLogPage, AccessLogSection } from './access-log.js';
import { ActivitiesSection } from './activities.js';
import { appointmentPageRoutes, AppointmentsSection } from './appointments.js';
import { attachmentPageRoutes, AttachmentsSection } from './attachments.js';
import { AssessmentsSection } from './assessments.js';
import { ClosureNotice, ClosureSection } from './closure.js';
import { ContactPersonSection } from './contact-person.js';
import { ContractSection } from './contract.js';
import { ConversationsSection } from './conversations.js';
import { EnrolmentsSection } from './enrolments.js';
import { FollowUpsSection } from './follow-ups.js';
import { FORMS, type FormDef, type FormState } from './forms.js';
import { HouseholdSection } from './household.js';
import { ObligationsSection } from './obligations.js';
import { OutcomesSections } from './outcomes.js';
import { OverviewSection } from './overview.js';
import { ReceptionStepsSection } from './reception-steps.js';
import { RegisteredNotice } from './registered.js';
import { recordChangeRoutes } from './record-changes.js';
import type { PageData } from './parts.js';
import { VisitationSection } from './visitation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The :id of a person route, or 404 when it cannot be a person's id. */
function personIdOf(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (!UUID.test(id)) throw new NotFoundError('person.not_found', 'The person');
  return id.toLowerCase();
}

function PersonPage(d: PageData) {
  const p = d.person;
  // What the role receives (the case file or not), narrowed to what concerns this person: a
  // child's page has the family, enrolments and the language assessment, not a contract.
  const applies = sectionsThatApply(p, d.today);
  const hasCase = p.activities !== undefined;
  const programme = hasCase && applies.programme;
  const conversations = hasCase && applies.conversations;
  const children = d.showChildren && applies.childRecords;
  const outcomes = d.outcomes !== null && applies.outcomes;
  const sections: [string, string, boolean][] = [
    ['overblik', 'Overblik', true],
    ['forpligtelser', 'Forpligtelser', d.obligations !== null],
    ['visitation', 'Visitationssamtale', programme],
    ['kontrakt', 'Integrationskontrakt', programme],
    ['kontaktperson', 'Fast kontaktperson', hasCase],
    ['modtagelse', 'Modtagelse', programme],
    ['aktiviteter', 'Aktiviteter', programme],
    ['samtaler', 'Samtaler', conversations],
    ['aftaler', 'Aftaler', d.appointments !== null && applies.conversations],
    ['bilag', 'Dokumenter og bilag', d.attachments !== null],
    ['husstand', 'Husstand', true],
    ['indskrivninger', 'Indskrivninger', children],
    ['sprogvurderinger', 'Sprogvurderinger', children],
    ['opfoelgninger', 'Opfølgninger', programme],
    ['beskaeftigelse', 'Beskæftigelse og uddannelse', outcomes],
    ['danskuddannelse', 'Danskuddannelse', outcomes],
    ['proever', 'Prøver', outcomes],
    ['afslutning', 'Afslutning af sagen', d.obligations !== null && hasCase],
    ['adgangslog', 'Adgangslog', d.canAccessLog],
  ];
  return (
    <>
      <h1>
        {p.givenName} {p.familyName} <SyntheticNote synthetic={p.synthetic} />
      </h1>
      <RegisteredNotice {...d} />
      <ClosureNotice {...d} />
      <nav aria-label="Indhold på siden" class="mb-toc">
        <ul>
          {sections
            .filter(([, , shown]) => shown)
            .map(([id, text]) => (
              <li>
                <a href={`#${id}`}>{text}</a>
              </li>
            ))}
        </ul>
      </nav>
      <OverviewSection {...d} />
      <ObligationsSection {...d} />
      {programme && (
        <>
          <VisitationSection {...d} />
          <ContractSection {...d} />
        </>
      )}
      {hasCase && <ContactPersonSection {...d} />}
      {programme && (
        <>
          <ReceptionStepsSection {...d} />
          <ActivitiesSection {...d} />
        </>
      )}
      {conversations && <ConversationsSection {...d} />}
      {d.appointments !== null && applies.conversations && <AppointmentsSection {...d} />}
      <AttachmentsSection {...d} />
      <HouseholdSection {...d} />
      {children && (
        <>
          <EnrolmentsSection {...d} />
          <AssessmentsSection {...d} />
        </>
      )}
      {programme && <FollowUpsSection {...d} />}
      {outcomes && <OutcomesSections {...d} />}
      {d.obligations !== null && hasCase && <ClosureSection {...d} />}
      <AccessLogSection {...d} />
    </>
  );
}

async function showPerson(
  tools: WebTools,
  request: FastifyRequest,
  reply: FastifyReply,
  personId: string,
  status: number,
  state: FormState | null,
): Promise<FastifyReply> {
  const ctx = tools.ctx(request);
  const actor = ctx.actor;
  // One operation: authorizes on the loaded record and logs each person the page shows once.
  const { person, obligations, candidates, institutions, outcomes, appointments, attachments, closure } =
    await personCase(ctx, personId);
  const canCase = can(actor, 'case.write', personId) && person.activities !== undefined;
  const showChildren =
    person.enrolments !== undefined && (ageOn(person.birthDate, ctx.today) < 18 || actor.role === 'institution');
  const canChild = can(actor, 'child.write', personId) && showChildren;
  const pageCtx = tools.pageContext(request);
  const name = `${person.givenName} ${person.familyName}`;
  return tools.html(
    reply,
    status,
    page(
      state ? `Fejl: ${name}` : name,
      pageCtx,
      <PersonPage
        person={person}
        today={ctx.today}
        csrf={pageCtx.csrf}
        canCase={canCase}
        canChild={canChild}
        canAccessLog={can(actor, 'accessLog.read', personId)}
        canHouseholdFacts={can(actor, 'household.facts.read')}
        showCpr={seesMaskedCpr(actor.role)}
        obligations={obligations}
        candidates={candidates}
        institutions={institutions}
        showChildren={showChildren}
        outcomes={outcomes}
        appointments={appointments}
        attachments={attachments}
        closure={closure}
        state={state}
        registered={status === 200 && (request.query as Record<string, unknown>).registreret === '1'}
      />,
    ),
  );
}

function formValues(body: unknown, def: FormDef): Record<string, string> {
  const values = readValues(body, def.fields);
  if (def.versioned) values.version = bodyString(body, 'version');
  return values;
}

export function caseRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/borgere/:id', async (request, reply) => showPerson(tools, request, reply, personIdOf(request), 200, null));

  app.get('/borgere/:id/adgangslog', async (request, reply) => {
    const id = personIdOf(request);
    const ctx = tools.ctx(request);
    const log = await personAccessLog(ctx, ctx.actor.municipalityCode, id); // authorizes; the reading of the log is itself logged
    const name = `${log.name.givenName} ${log.name.familyName}`;
    return tools.html(
      reply,
      200,
      page(`Adgangslog for ${name}`, tools.pageContext(request), <AccessLogPage personId={id} log={log} />),
    );
  });

  recordChangeRoutes(app, tools);
  appointmentPageRoutes(app, tools, (request, reply, id, status, state) =>
    showPerson(tools, request, reply, id, status, state),
  );
  attachmentPageRoutes(app, tools, (request, reply, id, status, state) =>
    showPerson(tools, request, reply, id, status, state),
  );

  for (const def of FORMS) {
    app.post(`/borgere/:id/${def.path}`, async (request, reply) => {
      tools.checkCsrf(request);
      const id = personIdOf(request);
      const ctx = tools.ctx(request);
      const values = formValues(request.body, def);
      const ifMatch = def.versioned && /^\d{1,9}$/.test(values.version ?? '') ? `"${values.version}"` : undefined;
      const again = (status: number, errors: FormError[], conflict = false) =>
        showPerson(tools, request, reply, id, status, {
          form: def.key,
          values,
          conflict,
          ...formErrors(def.fields, errors),
        });
      let invalid: FormError[] | null;
      try {
        invalid = await def.submit(ctx, id, values, ifMatch);
      } catch (err) {
        if (err instanceof UnprocessableError) return again(422, serviceErrors(def.fields, err));
        if (err instanceof PreconditionFailedError || err instanceof PreconditionRequiredError) {
          return again(err.status, [formError(def.fields, err.code)], true);
        }
        throw err;
      }
      if (invalid) return again(400, invalid);
      return reply.redirect(`/borgere/${id}#${def.section}`, 303);
    });
  }
}
