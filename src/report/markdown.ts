import type { Block, ReportDocument } from './document.ts';

/**
 * Text made inert for Markdown: no raw HTML, no emphasis, link, code, table or heading syntax, and
 * no line that turns into a list, quote or rule. Lines are joined so one text stays one paragraph
 * or cell.
 */
function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]{}|~#!]/g, '\\$&')
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Free text: its paragraphs kept, each line escaped on its own and ended with a hard break. */
function freeText(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split(/\r?\n/).map(md).join('\\\n'))
    .join('\n\n');
}

function table(head: string[], rows: string[][], numeric: number[]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => md(c) || ' ').join(' | ')} |`;
  const rule = `| ${head.map((_, i) => (numeric.includes(i) ? '---:' : '---')).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.role === 'lead' ? `**${md(b.text)}**` : b.role === 'note' ? `*${md(b.text)}*` : md(b.text);
    case 'facts':
      return b.rows.map((r) => `- **${md(r.label)}:** ${md(r.value)}`).join('\n');
    case 'subheading':
      return `### ${md(b.text)}`;
    case 'table':
      return table(b.head, b.rows, b.numeric);
    case 'list':
      return b.items.map((i) => (b.role === 'tearlines' ? `- ▌ ${md(i)}` : `- ${md(i)}`)).join('\n');
    case 'text':
      return freeText(b.text);
    case 'chart':
      return table(
        [b.xLabel, b.yLabel],
        b.points.map((p) => [p.label, p.valueText]),
        [1],
      );
  }
}

/** The outline as Markdown, with the same content as the HTML; right-to-left inside a `dir` block. */
export function documentMarkdown(d: ReportDocument): string {
  const out: string[] = [];
  if (d.dir === 'rtl') out.push('<div dir="rtl">');
  out.push(`# ${md(d.title)}`);
  if (d.draft) out.push(`**${md(d.draft)}** — ${md(d.draftNote ?? '')}`);
  out.push(`**${md(d.audienceLine)}**`);
  out.push(d.facts.map((r) => `- **${md(r.label)}:** ${md(r.value)}`).join('\n'));
  for (const s of d.sections) {
    out.push(`## ${md(s.title)}`);
    for (const b of s.blocks) out.push(block(b));
  }
  out.push(`**${md(d.audienceLine)}**`);
  if (d.dir === 'rtl') out.push('</div>');
  return `${out.join('\n\n')}\n`;
}
