// A report outline (./document.ts) as HTML: a complete standalone Danish document (lang="da",
// contents linking to the sections, headings in order, every table with a caption and header
// cells, every chart an image with a text alternative beside its table), styled for screen and
// print; and its body alone, for a page of the web application to show inside its own layout.
// The stylesheet is inline in the standalone document; REPORT_CSP allows exactly it. Pure.
import { createHash } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { tocOf, type Block, type HeadingBlock, type ReportDocument, type TableBlock } from './document.js';

/** The report's own styles, all under `.ar` and in em (the size of the page around it), so the web page can link them. */
export const REPORT_CSS = `
.ar { color: #1a1a1a; line-height: 1.5; max-width: 60em; }
.ar .ar-toc h2 { border-top: 0; padding-top: 0; }
.ar h1, .ar h2, .ar h3, .ar h4 { line-height: 1.25; margin: 1.6em 0 0.5em; break-after: avoid; page-break-after: avoid; overflow-wrap: break-word; hyphens: auto; }
.ar h2 { font-size: 1.6em; border-top: 2px solid #0059b3; padding-top: 0.6em; }
.ar h3 { font-size: 1.25em; }
.ar h4 { font-size: 1.05em; }
.ar p { margin: 0.4em 0; max-width: 48em; }
.ar .ar-note { color: #545454; font-size: 0.9em; }
.ar .ar-cover { border-bottom: 2px solid #0059b3; padding-bottom: 1em; margin-bottom: 1.5em; }
.ar .ar-cover h1 { margin-top: 0.2em; font-size: 2.2em; }
.ar .ar-kicker { font-size: 1.1em; font-weight: 600; color: #0059b3; margin: 0; }
.ar .ar-toc ol { padding-left: 1.4em; }
.ar .ar-toc li { margin: 0.15em 0; }
.ar .ar-toc a { color: #0059b3; }
.ar blockquote { margin: 0.6em 0; padding: 0.3em 0 0.3em 1em; border-left: 4px solid #c6d6ea; max-width: 48em; }
.ar blockquote p { margin: 0; font-style: italic; }
.ar .ar-cite { font-size: 0.9em; color: #545454; margin: 0.2em 0 0; font-style: normal; }
.ar dl.ar-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0.6em 0; }
.ar dl.ar-facts dt { font-weight: 600; }
.ar dl.ar-facts dd { margin: 0; }
.ar .ar-group { margin: 0 0 1.5em; break-inside: avoid; page-break-inside: avoid; }
.ar .ar-figure { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; margin: 0.8em 0; }
.ar .ar-figure svg { max-width: 100%; height: auto; }
.ar table.ar-table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
.ar table.ar-table caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; caption-side: top; }
.ar table.ar-table th, .ar table.ar-table td { border-bottom: 1px solid #c8c8c8; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
.ar table.ar-table thead th { background: #f2f2f2; border-bottom: 2px solid #767676; }
.ar table.ar-table .ar-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
@media (max-width: 40em) {
  .ar .ar-cover h1 { font-size: 1.6em; }
  .ar h2 { font-size: 1.35em; }
  .ar dl.ar-facts { display: block; }
  .ar dl.ar-facts dd { margin: 0 0 0.4em; }
  .ar table.ar-table { font-size: 0.8em; }
  .ar table.ar-table th, .ar table.ar-table td { padding: 0.2em 0.25em; overflow-wrap: anywhere; }
  .ar table.ar-table .ar-num { white-space: normal; }
}
@media print {
  .ar { max-width: none; font-size: 10.5pt; }
  .ar h2 { break-before: page; page-break-before: always; }
  .ar .ar-toc a { color: inherit; text-decoration: none; }
}
`;

/** What only the standalone document adds: the page itself. */
const DOCUMENT_CSS = `
body { margin: 0; padding: 2rem 1.5rem; font-family: Roboto, "Helvetica Neue", Arial, sans-serif; background: #ffffff; }
main.ar { margin: 0 auto; }
@page { size: A4; margin: 2cm 1.8cm; }
@media print { body { padding: 0; } }
`;

const STYLE = `${DOCUMENT_CSS}${REPORT_CSS}`;

/**
 * The Content-Security-Policy of the standalone document as a response: nothing but its own inline
 * stylesheet (by hash) and inline SVG; no script, no request anywhere.
 */
export const REPORT_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
  "img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function Heading({ h }: { h: HeadingBlock }) {
  const Tag = `h${h.level}` as const;
  return <Tag id={h.id}>{h.text}</Tag>;
}

function Table({ t }: { t: TableBlock }) {
  const cls = (i: number) => (t.numeric[i] ? 'ar-num' : undefined);
  return (
    <table class="ar-table">
      <caption>{t.caption}</caption>
      <thead>
        <tr>
          {t.head.map((h, i) => (
            <th scope="col" class={cls(i)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.map((row) => (
          <tr>
            {row.map((cell, i) =>
              i === 0 ? (
                <th scope="row" class={cls(i)}>
                  {cell}
                </th>
              ) : (
                <td class={cls(i)} lang={t.lang?.[i]}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Blocks({ blocks, svgs }: { blocks: readonly Block[]; svgs: ReadonlyMap<string, string> }) {
  return (
    <>
      {blocks.map((b) => {
        switch (b.kind) {
          case 'heading':
            return <Heading h={b} />;
          case 'paragraph':
            return <p class={b.note ? 'ar-note' : undefined}>{b.text}</p>;
          case 'quote':
            return (
              <blockquote>
                <p lang={b.lang}>»{b.text}«</p>
                <p class="ar-cite">{b.cite}</p>
              </blockquote>
            );
          case 'facts':
            return (
              <dl class="ar-facts">
                {b.items.map((i) => (
                  <>
                    <dt>{i.term}</dt>
                    <dd>{i.value}</dd>
                  </>
                ))}
              </dl>
            );
          case 'list':
            return (
              <ul>
                {b.items.map((i) => (
                  <li>{i}</li>
                ))}
              </ul>
            );
          case 'table':
            return <Table t={b} />;
          case 'figure': {
            const svg = svgs.get(b.chart.id);
            return (
              <div class="ar-figure">
                {svg !== undefined && <div dangerouslySetInnerHTML={{ __html: svg }} />}
                <Table t={b.table} />
              </div>
            );
          }
          case 'group':
            return (
              <div class="ar-group">
                <Blocks blocks={b.blocks} svgs={svgs} />
              </div>
            );
        }
      })}
    </>
  );
}

function Contents({ headings }: { headings: HeadingBlock[] }) {
  // Level 2 items, each with its level-3 items below it.
  const items: { h: HeadingBlock; sub: HeadingBlock[] }[] = [];
  for (const h of headings) {
    if (h.level === 2 || items.length === 0) items.push({ h, sub: [] });
    else items.at(-1)?.sub.push(h);
  }
  return (
    <nav class="ar-toc" aria-labelledby="ar-indhold">
      <h2 id="ar-indhold">Indhold</h2>
      <ol>
        {items.map(({ h, sub }) => (
          <li>
            <a href={`#${h.id}`}>{h.text}</a>
            {sub.length > 0 && (
              <ol>
                {sub.map((s) => (
                  <li>
                    <a href={`#${s.id}`}>{s.text}</a>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Wrapper({ main, children }: { main: boolean; children: ComponentChildren }) {
  return main ? <main class="ar">{children}</main> : <div class="ar">{children}</div>;
}

/**
 * The report's body: contents and sections (with the title block unless the page gives its own
 * h1), as a page of the web application shows it inside its layout.
 */
export function ReportBody({
  doc,
  svgs,
  cover = true,
  main = false,
}: {
  doc: ReportDocument;
  svgs: ReadonlyMap<string, string>;
  cover?: boolean;
  main?: boolean;
}) {
  return (
    <Wrapper main={main}>
      {cover && (
        <header class="ar-cover">
          <p class="ar-kicker">{doc.cover.kicker}</p>
          <h1>{doc.cover.heading}</h1>
          {doc.cover.lines.map((l) => (
            <p>{l}</p>
          ))}
        </header>
      )}
      <Contents headings={tocOf(doc.blocks)} />
      <Blocks blocks={doc.blocks} svgs={svgs} />
    </Wrapper>
  );
}

/** The report as a complete standalone HTML document. */
export function reportHtml(doc: ReportDocument, svgs: ReadonlyMap<string, string>): string {
  return (
    '<!DOCTYPE html>' +
    render(
      <html lang="da">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="author" content={doc.author} />
          <title>{doc.title}</title>
          <style dangerouslySetInnerHTML={{ __html: STYLE }} />
        </head>
        <body>
          <ReportBody doc={doc} svgs={svgs} main />
        </body>
      </html>,
    )
  );
}
