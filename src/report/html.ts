import { escapeXmlAttr } from '../io/xml-escape.ts';
import { type Block, isolatedSpan, ltrSpan, type ReportDocument } from './document.ts';
import { reportCss } from './report-css.ts';
import { trendSvg } from './trend-chart.ts';

/** Text made safe for HTML (content or a quoted attribute), with its left-to-right spans isolated. */
function inline(text: string): string {
  return escapeXmlAttr(text).replace(ltrSpan, '<bdi dir="ltr">$1</bdi>').replace(isolatedSpan, '<bdi>$1</bdi>');
}

/** Free text: paragraphs at blank lines, line breaks kept, each paragraph in its own direction. */
function freeText(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p dir="auto" class="free">${p.split(/\r?\n/).map(inline).join('<br>')}</p>`)
    .join('\n');
}

function facts(rows: Array<{ label: string; value: string }>): string {
  const items = rows.map((r) => `<dt>${inline(r.label)}</dt><dd>${inline(r.value)}</dd>`).join('');
  return `<dl class="facts">${items}</dl>`;
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cls = (i: number) => (b.numeric.includes(i) ? ' class="num"' : '');
  const head = b.head.map((h, i) => `<th${cls(i)}>${inline(h)}</th>`).join('');
  const rows = b.rows.map((r) => `<tr>${r.map((cell, i) => `<td${cls(i)}>${inline(cell)}</td>`).join('')}</tr>`);
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function block(b: Block, dir: 'ltr' | 'rtl'): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.role ? ` class="${b.role}"` : ''}>${inline(b.text)}</p>`;
    case 'facts':
      return facts(b.rows);
    case 'subheading':
      return `<h3>${inline(b.text)}</h3>`;
    case 'table':
      return table(b);
    case 'list':
      return `<ul${b.role ? ` class="${b.role}"` : ''}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
    case 'text':
      return freeText(b.text);
    case 'chart':
      return `<figure>${trendSvg(b, dir)}</figure>`;
  }
}

/** Table rows a group may hold and still be kept on one page; a longer table breaks, its header repeated. */
const keepRows = 14;

/**
 * A section's blocks, each subheading grouped with what follows it up to the next one, and a short
 * group kept on one page: a table never starts at the foot of a page apart from its heading.
 */
function sectionBody(blocks: Block[], dir: 'ltr' | 'rtl'): string {
  const groups: Block[][] = [];
  for (const b of blocks) {
    if (b.kind === 'subheading' || groups.length === 0) groups.push([b]);
    else groups.at(-1)!.push(b);
  }
  return groups
    .map((g) => {
      const html = g.map((b) => block(b, dir)).join('\n');
      const rows = g.reduce(
        (n, b) => n + (b.kind === 'table' ? b.rows.length + 1 : b.kind === 'list' ? b.items.length : 1),
        0,
      );
      return rows <= keepRows ? `<div class="keep">\n${html}\n</div>` : html;
    })
    .join('\n');
}

/** The outline as one self-contained, printable HTML document: inline CSS and SVG, nothing fetched. */
export function documentHtml(d: ReportDocument): string {
  const sections = d.sections.map(
    (s) =>
      `<section id="${escapeXmlAttr(s.id)}">\n<h2>${inline(s.title)}</h2>\n${sectionBody(s.blocks, d.dir)}\n</section>`,
  );
  const draft = d.draft
    ? `<div class="draft-mark" aria-hidden="true">${inline(d.draft)}</div>\n<p class="draft-note"><strong>${inline(d.draft)}</strong> — ${inline(d.draftNote ?? '')}</p>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="${escapeXmlAttr(d.lang)}" dir="${d.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${inline(d.title)}</title>
<style>${reportCss}</style>
</head>
<body${d.draft ? ' class="draft"' : ''}>
${draft}<p class="audience">${inline(d.audienceLine)}</p>
<header>
<h1>${inline(d.title)}</h1>
${facts(d.facts)}
</header>
${sections.join('\n')}
<p class="audience end">${inline(d.audienceLine)}</p>
</body>
</html>
`;
}
