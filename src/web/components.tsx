// Page building blocks in Det Fælles Designsystem's markup (dkfds): the layout with header and
// navigation, the error summary (fejlopsummering), form fields with inline errors, tags.
// Rendered on the server with Preact; text is escaped by default.
import type { ComponentChildren, HTMLAttributes } from 'preact';
import { render } from 'preact-render-to-string';
import { can, type Actor } from '../domain/authorization.js';
import { REGISTRIES, REGISTRY_KINDS } from '../domain/registries.js';
import { formatDanishDate } from '../domain/dates.js';
import { OBLIGATION_STATUS_DA, PLACEMENT_KIND_DA, ROLE_DA, termDa, type ObligationStatus } from '../domain/glossary.js';
import { placementKindsOf, placementPath } from './placement-paths.js';

export interface PageContext {
  actor: Actor | null;
  csrf: string;
  municipalityName: string | null;
  /** Path of the current page, to mark the navigation. */
  path: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** A role in Danish (the glossary's term), for a role as stored or sent. */
export function roleDa(role: string): string {
  return termDa(ROLE_DA, role);
}

export function dateDa(date: string | null | undefined): string {
  return date ? formatDanishDate(date) : '–';
}

export function page(
  title: string,
  ctx: PageContext,
  body: ComponentChildren,
  _options: { status?: number } = {},
): string {
  return (
    '<!DOCTYPE html>' +
    render(
      <Layout title={title} ctx={ctx}>
        {body}
      </Layout>,
    )
  );
}

function NavLink({ href, current, children }: { href: string; current: boolean; children: ComponentChildren }) {
  return (
    <li>
      <a href={href} class={current ? 'nav-link current' : 'nav-link'} aria-current={current ? 'page' : undefined}>
        {children}
      </a>
    </li>
  );
}

/**
 * Where a role's work starts when it has no worklist of persons: the secretariat on the governance
 * cycle (Styring), the analyst on the indicators, the placing roles on their first kind of
 * placement (housing: Boligplacering, institution: dagtilbud, company consultant: praktik,
 * volunteer coordinator: mentorer), the administrator on Administration. Null: the worklist at "/"
 * (the case workers).
 */
export function homeOf(actor: Actor): string | null {
  if (can(actor, 'worklist.read')) return null;
  if (actor.role === 'secretariat') return '/styring';
  if (actor.role === 'analyst') return '/indikatorer';
  if (actor.role === 'admin') return '/administration';
  const kind = placementKindsOf(actor)[0];
  return kind ? placementPath(kind) : null;
}

/** The main menu: only the pages the role's work needs and the role may open; a role's own start first. */
function MainNav({ actor, path }: { actor: Actor; path: string }) {
  const home = homeOf(actor);
  const kinds = placementKindsOf(actor);
  const links: [href: string, text: string, shown: boolean][] = [
    ['/', can(actor, 'worklist.read') ? 'Arbejdsliste' : 'Forside', home === null],
    ['/administration', 'Administration', can(actor, 'token.create')],
    // Placement: a link per kind for a role with one or two kinds, else one link to the first.
    ...(kinds.length <= 2
      ? kinds.map((k): [string, string, boolean] => [placementPath(k), PLACEMENT_KIND_DA[k], true])
      : [['/placering', 'Placering', true] as [string, string, boolean]]),
    // The registries the placements read: shown when the role keeps or reads any of them.
    ['/registre', 'Registre', REGISTRY_KINDS.some((k) => can(actor, `registry.${REGISTRIES[k].area}.read`))],
    ['/husstande/ny', 'Registrér husstand', can(actor, 'household.create')],
    ['/ankomster', 'Indlæs ankomster', can(actor, 'household.create')],
    ['/borgere', 'Søg borger', can(actor, 'person.search')],
    ['/kalender', 'Kalender', can(actor, 'worklist.read')],
    ['/indikatorer', 'Indikatorer', can(actor, 'indicators.read')],
    ['/sammenlign', 'Sammenlign', can(actor, 'indicators.read')],
    ['/styring', 'Styring', can(actor, 'governance.read')],
    // The annual report shows the indicators and the governance cycle: it needs both.
    ['/arsrapport', 'Årsrapport', can(actor, 'indicators.read') && can(actor, 'governance.read')],
    ['/politik', 'Politik', true],
  ];
  const shown = links.filter(([href, , show]) => show && href !== home);
  const first = links.filter(([href]) => href === home);
  // A page's section: /husstande/ny marks every page under /husstande.
  const section = (href: string) => (href === '/' ? '/' : `/${href.split('/')[1] ?? ''}`);
  const current = (href: string) =>
    href === '/'
      ? path === '/'
      : href.startsWith('/placering/')
        ? path === href
        : path === section(href) || path.startsWith(`${section(href)}/`);
  return (
    <nav class="container" aria-label="Hovedmenu">
      <ul class="mb-nav nobullet-list">
        {[...first, ...shown].map(([href, text]) => (
          <NavLink href={href} current={current(href)}>
            {text}
          </NavLink>
        ))}
      </ul>
    </nav>
  );
}

export function Layout({ title, ctx, children }: { title: string; ctx: PageContext; children: ComponentChildren }) {
  const a = ctx.actor;
  const staff = a && a.role !== 'citizen' ? a : null;
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Medborger`}</title>
        <link rel="stylesheet" href="/assets/dkfds/css/dkfds.min.css" />
        <link rel="stylesheet" href="/assets/medborger.css" />
      </head>
      <body>
        <a class="skipnav" href="#main-content">
          Gå til sidens indhold
        </a>
        <header class="header mb-header">
          <div class="container mb-header-inner">
            <a href={(staff && homeOf(staff)) ?? '/'} class="mb-brand">
              Medborger
            </a>
            {ctx.municipalityName && <span class="mb-municipality">{ctx.municipalityName} Kommune</span>}
            {a && (
              <div class="mb-user">
                <span>
                  {a.userName} ({roleDa(a.role)})
                </span>
                <form method="post" action="/logout" class="mb-inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrf} />
                  <button type="submit" class="button button-tertiary">
                    Log ud
                  </button>
                </form>
              </div>
            )}
          </div>
          {staff && <MainNav actor={staff} path={ctx.path} />}
        </header>
        <main id="main-content" class="container mb-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="container mb-footer">
          <p>Medborger – integrationsindsatsen efter lov og politik. Data i demoudgaven er syntetiske.</p>
        </footer>
        <script src="/assets/dkfds/js/dkfds.min.js" defer></script>
        <script src="/assets/medborger.js" defer></script>
      </body>
    </html>
  );
}

/** Fejlopsummering: a list of the errors at the top of the form, each linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div
      class="alert alert-error"
      role="alert"
      aria-labelledby="error-summary-title"
      data-module="error-summary"
      tabIndex={-1}
    >
      <div class="alert-body">
        <h2 class="alert-heading" id="error-summary-title">
          Der er {errors.length === 1 ? 'en fejl' : `${errors.length} fejl`} i formularen
        </h2>
        <ul class="alert-text nobullet-list">
          {errors.map((e) => (
            <li>
              <a class="function-link" href={`#${e.field}`}>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface FieldProps {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Group({ id, label, hint, error, required, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {label}
        {required ? '' : ' (valgfri)'}
      </label>
      {hint && (
        <span class="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="form-error-message" id={`${id}-error`}>
          <span class="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & { type?: string; inputMode?: HTMLAttributes['inputMode']; autoComplete?: string; width?: string },
) {
  return (
    <Group {...props}>
      <input
        class={`form-input ${props.width ?? ''}`}
        type={props.type ?? 'text'}
        id={props.id}
        name={props.name ?? props.id}
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
      />
    </Group>
  );
}

export function DateField(props: FieldProps) {
  return <TextField {...props} type="date" width="input-width-s" hint={props.hint} />;
}

export function TextArea(props: FieldProps & { rows?: number }) {
  return (
    <Group {...props}>
      <textarea
        class="form-input"
        id={props.id}
        name={props.name ?? props.id}
        rows={props.rows ?? 3}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </Group>
  );
}

export function Select(props: FieldProps & { options: readonly (readonly [string, string])[]; placeholder?: string }) {
  return (
    <Group {...props}>
      <select
        class="form-select"
        id={props.id}
        name={props.name ?? props.id}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map(([value, text]) => (
          <option value={value} selected={String(props.value ?? '') === value}>
            {text}
          </option>
        ))}
      </select>
    </Group>
  );
}

export function Checkbox({
  id,
  name,
  label,
  checked,
}: {
  id: string;
  name?: string;
  label: string;
  checked?: boolean;
}) {
  return (
    <div class="form-group-checkbox">
      <input class="form-checkbox" type="checkbox" id={id} name={name ?? id} value="on" checked={checked} />
      <label class="form-label" for={id}>
        {label}
      </label>
    </div>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

const STATUS_CLASS: Record<ObligationStatus, string> = {
  overdue: 'mb-tag mb-tag-overdue',
  due_soon: 'mb-tag mb-tag-soon',
  open: 'mb-tag mb-tag-open',
  met: 'mb-tag mb-tag-met',
  not_applicable: 'mb-tag mb-tag-na',
};

/** An obligation's status as a tag: the glossary's term, coloured by status. */
export function StatusTag({ status }: { status: string }) {
  const cls = Object.hasOwn(STATUS_CLASS, status) ? STATUS_CLASS[status as ObligationStatus] : 'mb-tag';
  return <span class={cls}>{statusDa(status)}</span>;
}

export function statusDa(status: string): string {
  return termDa(OBLIGATION_STATUS_DA, status);
}

export function SyntheticNote({ synthetic }: { synthetic: boolean }) {
  return synthetic ? (
    <span class="mb-tag mb-tag-synthetic" title="Syntetiske demodata">
      Syntetisk
    </span>
  ) : null;
}
