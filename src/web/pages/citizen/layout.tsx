// The citizen pages' document: <html lang dir> in the citizen's language, a language picker on
// every page (each language named in itself), the menu of the citizen's pages, a discreet note
// while the translation is not reviewed. Phone first; right to left mirrors through CSS logical
// properties (public/citizen.css). No script: everything works without JavaScript.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import {
  CATALOGUES,
  hasOwn,
  LANGS,
  translate,
  type Lang,
  type MessageKey,
  type MessageValues,
} from '../../../i18n/index.js';

export interface CitizenPageContext {
  lang: Lang;
  /** The page's path, for the menu's current page and the language links. */
  path: string;
  /** Null before sign-in. */
  signedIn: { givenName: string; municipalityName: string | null; csrf: string } | null;
}

/** The message as text (attributes, titles). */
export function text(lang: Lang, key: MessageKey, values?: MessageValues): string {
  return translate(lang, key, values);
}

/** The message as page content: a key the language lacks is shown in Danish, marked lang="da". */
export function T({ lang, k, v }: { lang: Lang; k: MessageKey; v?: MessageValues }) {
  const s = translate(lang, k, v);
  return hasOwn(lang, k) || lang === 'da' ? <>{s}</> : <span lang="da">{s}</span>;
}

/** Danish data (a source, a purpose, the municipality's own words) on a page in another language. */
export function Danish({ lang, children }: { lang: Lang; children: ComponentChildren }) {
  return lang === 'da' ? <>{children}</> : <span lang="da">{children}</span>;
}

export const CITIZEN_PAGES: [path: string, key: MessageKey][] = [
  ['/borger/', 'nav.plan'],
  ['/borger/aftaler', 'nav.appointments'],
  ['/borger/aktiviteter', 'nav.activities'],
  ['/borger/boern', 'nav.children'],
  ['/borger/rettigheder', 'nav.rights'],
  ['/borger/tilbud', 'nav.offers'],
  ['/borger/hjemrejse', 'nav.repatriation'],
  ['/borger/indsigt', 'nav.accessLog'],
  ['/borger/politik', 'nav.policy'],
];

function LanguagePicker({ ctx }: { ctx: CitizenPageContext }) {
  return (
    <nav class="c-langs" aria-label={text(ctx.lang, 'app.language')}>
      <ul>
        {LANGS.map((l) => (
          <li>
            <a
              href={`${ctx.path}?lang=${l}`}
              lang={l}
              hreflang={l}
              dir={CATALOGUES[l].dir}
              aria-current={l === ctx.lang ? 'true' : undefined}
            >
              {CATALOGUES[l].name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Menu({ ctx }: { ctx: CitizenPageContext }) {
  return (
    <nav class="c-menu" aria-label={text(ctx.lang, 'app.menu')}>
      <ul>
        {CITIZEN_PAGES.map(([href, key]) => (
          <li>
            <a href={href} aria-current={href === ctx.path ? 'page' : undefined}>
              <T lang={ctx.lang} k={key} />
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function citizenDocument(ctx: CitizenPageContext, title: string, body: ComponentChildren): string {
  const { lang } = ctx;
  const catalogue = CATALOGUES[lang];
  return (
    '<!DOCTYPE html>' +
    render(
      <html lang={lang} dir={catalogue.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} – ${text(lang, 'app.title')} – Medborger`}</title>
          <link rel="stylesheet" href="/assets/citizen.css" />
        </head>
        <body>
          <a class="c-skip" href="#main">
            <T lang={lang} k="app.skip" />
          </a>
          <header class="c-header">
            <p class="c-brand">
              <span lang="da">Medborger</span>
              {ctx.signedIn?.municipalityName ? (
                <>
                  {' · '}
                  <T lang={lang} k="app.municipality" v={{ name: ctx.signedIn.municipalityName }} />
                </>
              ) : null}
            </p>
            <LanguagePicker ctx={ctx} />
            {ctx.signedIn ? (
              <form method="post" action="/borger/log-ud" class="c-signout">
                <input type="hidden" name="_csrf" value={ctx.signedIn.csrf} />
                <button type="submit">
                  <T lang={lang} k="app.signOut" />
                </button>
              </form>
            ) : null}
          </header>
          {ctx.signedIn ? <Menu ctx={ctx} /> : null}
          <main id="main" class="c-main">
            {catalogue.reviewed ? null : (
              <p class="c-unreviewed">
                <T lang={lang} k="app.unreviewed" />
              </p>
            )}
            <h1>{title}</h1>
            {ctx.signedIn ? (
              <p class="c-hello">
                <T lang={lang} k="app.hello" v={{ name: ctx.signedIn.givenName }} />
              </p>
            ) : null}
            {body}
          </main>
        </body>
      </html>,
    )
  );
}
