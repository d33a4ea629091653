// The bodies of the citizen's pages (issue 14), from the services' views (codes and values) in
// the citizen's language: Min plan, Aftaler, Aktiviteter, Børn, Rettigheder og pligter, Tilbud i
// nærheden, Hjemrejse, Hvem har brugt mine oplysninger, Kommunens integrationspolitik.
import { dateValue, formatDate, languageName, translate, type Lang, type MessageKey } from '../../../i18n/index.js';
import type {
  citizenAccessLog,
  citizenActivities,
  citizenAppointments,
  citizenChildren,
  citizenOffers,
  citizenPlan,
  citizenPolicy,
  citizenRepatriation,
  citizenRights,
} from '../../../services/citizen.js';
import type { CitizenAppointmentView, StepView } from '../../../services/presenters/citizen.js';
import { Danish, T } from './layout.js';

type View<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** A plain step in the language: "Du skal begynde på danskuddannelse senest 28. marts." */
export function stepValues(step: { kind: string; dueDate: string | null }, dated: boolean) {
  return {
    key: `step.${step.kind}` as MessageKey,
    values: { dated: dated && step.dueDate ? 'yes' : 'no', date: step.dueDate ? dateValue(step.dueDate) : new Date(0) },
  };
}

function Step({ lang, step, dated = true }: { lang: Lang; step: StepView; dated?: boolean }) {
  const { key, values } = stepValues(step, dated);
  return <T lang={lang} k={key} v={values} />;
}

function Steps({ lang, steps }: { lang: Lang; steps: StepView[] }) {
  return (
    <ul class="c-list">
      {steps.map((s) => (
        <li>
          <Step lang={lang} step={s} />
          {s.late ? (
            <>
              {' '}
              <strong class="c-late">
                <T lang={lang} k="plan.late" />
              </strong>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function When({ lang, a }: { lang: Lang; a: CitizenAppointmentView }) {
  const start = new Date(a.startsAt);
  return (
    <time datetime={a.startsAt}>
      <T lang={lang} k="appointments.when" v={{ start }} />
    </time>
  );
}

function Appointment({ lang, a }: { lang: Lang; a: CitizenAppointmentView }) {
  return (
    <article class="c-card" aria-labelledby={`a-${a.id}`}>
      <h2 id={`a-${a.id}`}>
        <T lang={lang} k={`purpose.${a.purpose}` as MessageKey} />
      </h2>
      <p>
        <When lang={lang} a={a} /> (<T lang={lang} k="appointments.duration" v={{ minutes: a.durationMinutes }} />)
      </p>
      {a.placeKind === 'phone' ? (
        <p>
          <T lang={lang} k="appointments.phone" />
        </p>
      ) : a.placeKind === 'video' ? (
        <p>
          <T lang={lang} k="appointments.video" v={{ place: a.place }} />
        </p>
      ) : (
        <p>
          <T lang={lang} k="appointments.place" />: <Danish lang={lang}>{a.place}</Danish>
        </p>
      )}
      <p>
        <T lang={lang} k="appointments.with" v={{ name: a.with }} />
      </p>
      <p>
        {a.interpreterLanguage ? (
          <T lang={lang} k="appointments.interpreter" v={{ language: languageName(lang, a.interpreterLanguage) }} />
        ) : (
          <T lang={lang} k="appointments.noInterpreter" />
        )}
      </p>
      <p>
        <a href={`/borger/aftaler/${a.id}.ics`} download={`aftale-${a.startsAt.slice(0, 10)}.ics`}>
          <T lang={lang} k="appointments.ics" />
        </a>
      </p>
    </article>
  );
}

export function PlanPage({ lang, view }: { lang: Lang; view: View<typeof citizenPlan> }) {
  return (
    <>
      <section aria-labelledby="next">
        <h2 id="next">
          <T lang={lang} k="plan.next" />
        </h2>
        {view.next.length === 0 ? (
          <p>
            <T lang={lang} k="plan.noneNext" />
          </p>
        ) : (
          <Steps lang={lang} steps={view.next} />
        )}
      </section>
      {view.nextAppointment ? (
        <section aria-labelledby="appointment">
          <h2 id="appointment">
            <T lang={lang} k="plan.nextAppointment" />
          </h2>
          <p>
            <a href="/borger/aftaler">
              <T lang={lang} k={`purpose.${view.nextAppointment.purpose}` as MessageKey} />
            </a>
            {': '}
            <When lang={lang} a={view.nextAppointment} />
          </p>
        </section>
      ) : null}
      <section aria-labelledby="contact">
        <h2 id="contact">
          <T lang={lang} k="plan.contact" />
        </h2>
        {view.contactPerson ? (
          <>
            <p class="c-contact">{view.contactPerson.name}</p>
            {view.reach?.phone && view.reach.email ? (
              <p>
                <T
                  lang={lang}
                  k="plan.reach"
                  v={{ phone: view.reach.phone, email: view.reach.email, name: view.contactPerson.name }}
                />
              </p>
            ) : null}
          </>
        ) : (
          <p>
            <T lang={lang} k="plan.contactNone" />
          </p>
        )}
      </section>
      <section aria-labelledby="done">
        <h2 id="done">
          <T lang={lang} k="plan.done" />
        </h2>
        {view.done.length === 0 ? (
          <p>
            <T lang={lang} k="plan.noneDone" />
          </p>
        ) : (
          <ul class="c-list c-done">
            {view.done.map((s) => (
              <li>
                <Step lang={lang} step={s} dated={false} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function AppointmentsPage({ lang, view }: { lang: Lang; view: View<typeof citizenAppointments> }) {
  if (view.appointments.length === 0)
    return (
      <p>
        <T lang={lang} k="appointments.none" />
      </p>
    );
  return (
    <>
      {view.appointments.map((a) => (
        <Appointment lang={lang} a={a} />
      ))}
    </>
  );
}

export function ActivitiesPage({ lang, view }: { lang: Lang; view: View<typeof citizenActivities> }) {
  if (view.activities.length === 0)
    return (
      <p>
        <T lang={lang} k="activities.none" />
      </p>
    );
  return (
    <ul class="c-list">
      {view.activities.map((a) => (
        <li>
          <strong>
            <T lang={lang} k={`activity.${a.kind}` as MessageKey} />
          </strong>
          {a.provider ? (
            <>
              {' – '}
              <Danish lang={lang}>{a.provider}</Danish>
            </>
          ) : null}
          <br />
          <T lang={lang} k="activities.hours" v={{ hours: a.hoursPerWeek }} />
          {', '}
          {a.endDate ? (
            <T lang={lang} k="activities.fromTo" v={{ from: dateValue(a.startDate), to: dateValue(a.endDate) }} />
          ) : (
            <T lang={lang} k="activities.from" v={{ from: dateValue(a.startDate) }} />
          )}
        </li>
      ))}
    </ul>
  );
}

export function ChildrenPage({ lang, view }: { lang: Lang; view: View<typeof citizenChildren> }) {
  if (view.children.length === 0)
    return (
      <p>
        <T lang={lang} k="children.none" />
      </p>
    );
  return (
    <>
      {view.children.map((c) => (
        <section class="c-card" aria-labelledby={`c-${c.personId}`}>
          <h2 id={`c-${c.personId}`}>
            {c.givenName} (<T lang={lang} k="children.age" v={{ age: c.age }} />)
          </h2>
          {c.enrolments.length === 0 && c.languageAssessments.length === 0 ? (
            <p>
              <T lang={lang} k="children.nothing" />
            </p>
          ) : (
            <ul class="c-list">
              {c.enrolments.map((e) => (
                <li>
                  <strong>
                    <T lang={lang} k={`enrolment.${e.kind}` as MessageKey} />
                  </strong>
                  {e.institution ? (
                    <>
                      {': '}
                      <Danish lang={lang}>{e.institution}</Danish>
                    </>
                  ) : null}
                  {' – '}
                  {e.endDate ? (
                    <T
                      lang={lang}
                      k="activities.fromTo"
                      v={{ from: dateValue(e.startDate), to: dateValue(e.endDate) }}
                    />
                  ) : (
                    <T lang={lang} k="activities.from" v={{ from: dateValue(e.startDate) }} />
                  )}
                </li>
              ))}
              {c.languageAssessments.map((a) => (
                <li>
                  <T
                    lang={lang}
                    k="children.assessment"
                    v={{ date: dateValue(a.date), result: textOf(lang, `assessment.${a.result}` as MessageKey) }}
                  />
                </li>
              ))}
            </ul>
          )}
          {c.next.length > 0 ? <Steps lang={lang} steps={c.next} /> : null}
        </section>
      ))}
    </>
  );
}

function textOf(lang: Lang, key: MessageKey): string {
  return translate(lang, key);
}

export function RightsPage({ lang, view }: { lang: Lang; view: View<typeof citizenRights> }) {
  const program = view.program === 'introduction' || view.program === 'self_support_and_return' ? view.program : 'none';
  return (
    <>
      <p>
        <T lang={lang} k="rights.intro" />
      </p>
      <p>
        <strong>
          <T lang={lang} k={`rights.program.${program}` as MessageKey} />
        </strong>
      </p>
      <section aria-labelledby="always">
        <h2 id="always">
          <T lang={lang} k="rights.always" />
        </h2>
        <ul class="c-list">
          {(['rights.free', 'rights.interpreter', 'rights.insight', 'rights.complain'] as const).map((k) => (
            <li>
              <T lang={lang} k={k} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rules">
        <h2 id="rules">
          <T lang={lang} k="rights.rules" />
        </h2>
        <ul class="c-list">
          {view.rules.map((r) => (
            <li>
              <Step lang={lang} step={r} dated={false} />
              <br />
              <small>
                <T lang={lang} k={r.layer === 'law' ? 'rights.law' : 'rights.policy'} />
                {' – '}
                <T lang={lang} k="app.source" v={{ source: r.source }} />
              </small>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function OffersPage({ lang, view }: { lang: Lang; view: View<typeof citizenOffers> }) {
  const places = (
    title: MessageKey,
    list: { name: string; address?: string | undefined; phone?: string | undefined }[],
  ) =>
    list.length === 0 ? null : (
      <section aria-labelledby={title}>
        <h2 id={title}>
          <T lang={lang} k={title} />
        </h2>
        <ul class="c-list">
          {list.map((p) => (
            <li>
              <strong>
                <Danish lang={lang}>{p.name}</Danish>
              </strong>
              {p.address ? (
                <>
                  <br />
                  <Danish lang={lang}>{p.address}</Danish>
                </>
              ) : null}
              {p.phone ? (
                <>
                  <br />
                  <T lang={lang} k="offers.phone" v={{ phone: p.phone }} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    );
  return (
    <>
      <p>
        <T lang={lang} k="offers.intro" />
      </p>
      {view.offers?.demo ? (
        <p class="c-unreviewed">
          <T lang={lang} k="offers.demo" />
        </p>
      ) : null}
      {places('offers.school', view.offers?.languageSchool ?? [])}
      {places('offers.culture', view.offers?.culture ?? [])}
      {places('offers.leisure', view.offers?.leisure ?? [])}
      <section aria-labelledby="associations">
        <h2 id="associations">
          <T lang={lang} k="offers.associations" />
        </h2>
        {view.associations.length === 0 ? (
          <p>
            <T lang={lang} k="offers.none" />
          </p>
        ) : (
          <ul class="c-list">
            {view.associations.map((a) => (
              <li>
                <strong>
                  <Danish lang={lang}>{a.name}</Danish>
                </strong>
                {' – '}
                <T lang={lang} k={associationKey(a.kind)} />, <Danish lang={lang}>{a.town}</Danish>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="volunteers">
        <h2 id="volunteers">
          <T lang={lang} k="offers.volunteers" />
        </h2>
        <p>
          <T
            lang={lang}
            k="offers.volunteerCount"
            v={{ count: view.volunteers.volunteers, mentors: view.volunteers.mentors }}
          />
        </p>
        <p>
          <T lang={lang} k="offers.askMentor" />
        </p>
      </section>
    </>
  );
}

const ASSOCIATION_KINDS = ['sports_club', 'red_cross', 'refugee_volunteers', 'church', 'cultural'];
function associationKey(kind: string): MessageKey {
  return ASSOCIATION_KINDS.includes(kind) ? (`association.${kind}` as MessageKey) : 'association.other';
}

export function RepatriationPage({ lang, view }: { lang: Lang; view: View<typeof citizenRepatriation> }) {
  return (
    <>
      <p>
        <T lang={lang} k="repatriation.intro" />
      </p>
      <p>
        <T lang={lang} k="repatriation.support" />
      </p>
      <p>
        <T lang={lang} k="repatriation.advice" />
      </p>
      <section aria-labelledby="advisor">
        <h2 id="advisor">
          <T lang={lang} k="repatriation.contact" />
        </h2>
        {view.advisor ? (
          <p>
            <strong>
              <Danish lang={lang}>{view.advisor.name}</Danish>
            </strong>
            {view.advisor.phone ? (
              <>
                <br />
                <T lang={lang} k="offers.phone" v={{ phone: view.advisor.phone }} />
              </>
            ) : null}
            {view.advisor.email ? (
              <>
                <br />
                <a href={`mailto:${view.advisor.email}`}>{view.advisor.email}</a>
              </>
            ) : null}
          </p>
        ) : null}
        <p>
          <T lang={lang} k="repatriation.ask" />
        </p>
      </section>
    </>
  );
}

const ACTIONS = ['read', 'create', 'change', 'update', 'delete', 'search', 'export'];

export function AccessLogPage({ lang, view }: { lang: Lang; view: View<typeof citizenAccessLog> }) {
  return (
    <>
      <p>
        <T lang={lang} k="accessLog.intro" />
      </p>
      {view.entries.length === 0 ? (
        <p>
          <T lang={lang} k="accessLog.none" />
        </p>
      ) : (
        <div class="c-table">
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <T lang={lang} k="accessLog.date" />
                </th>
                <th scope="col">
                  <T lang={lang} k="accessLog.action" />
                </th>
                <th scope="col">
                  <T lang={lang} k="accessLog.purpose" />
                </th>
              </tr>
            </thead>
            <tbody>
              {view.entries.map((e) => (
                <tr>
                  <td>{e.date ? <time datetime={e.date}>{formatDate(lang, e.date)}</time> : null}</td>
                  <td>
                    {ACTIONS.includes(e.action) ? <T lang={lang} k={`action.${e.action}` as MessageKey} /> : e.action}
                  </td>
                  <td>
                    <Danish lang={lang}>{e.purpose}</Danish>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.truncated ? (
        <p>
          <T lang={lang} k="accessLog.more" />
        </p>
      ) : null}
    </>
  );
}

export function PolicyPage({ lang, view }: { lang: Lang; view: View<typeof citizenPolicy> }) {
  if (!view.vision && view.promises.length === 0)
    return (
      <p>
        <T lang={lang} k="policy.none" />
      </p>
    );
  return (
    <>
      {view.vision ? (
        <section aria-labelledby="vision">
          <h2 id="vision">
            <T lang={lang} k="policy.vision" />
          </h2>
          <p>
            <T lang={lang} k="policy.visionNote" />
          </p>
          <blockquote lang="da">
            <p>{view.vision}</p>
            {view.title ? <footer>{view.title}</footer> : null}
          </blockquote>
        </section>
      ) : null}
      <section aria-labelledby="promises">
        <h2 id="promises">
          <T lang={lang} k="policy.promises" />
        </h2>
        <ul class="c-list">
          {view.promises.map((kind) => {
            const { key, values } = stepValues({ kind, dueDate: null }, false);
            return (
              <li>
                <T lang={lang} k={key} v={values} />
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
