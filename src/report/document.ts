/**
 * A SITREP as a language-neutral outline: sections of headed blocks whose text is already in the
 * report's language. The HTML and the Markdown are two writings of the same outline, so they carry
 * the same content, and neither re-derives a word or a figure.
 *
 * Text here is plain (not yet escaped). A span meant to read left to right inside right-to-left text
 * (an MGRS reference, a signed change) is wrapped in the Unicode isolates LRI…PDI by `ltr()`; the
 * HTML writer turns them into `<bdi dir="ltr">`, and Markdown keeps them, invisible. Likewise names and
 * typed text inside a sentence are isolated (FSI…PDI, `<bdi>`) in a right-to-left report.
 */

export interface ChartPoint {
  /** The day, as the axis prints it. */
  label: string;
  value: number;
  /** The value as the report prints it. */
  valueText: string;
}

export type Block =
  | { kind: 'paragraph'; text: string; role?: 'note' | 'lead' }
  | { kind: 'facts'; rows: Array<{ label: string; value: string }> }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: number[] }
  | { kind: 'list'; items: string[]; role?: 'highlights' | 'tearlines' }
  /** Free text typed by a person: kept as its own paragraphs. */
  | { kind: 'text'; text: string }
  | {
      kind: 'chart';
      title: string;
      xLabel: string;
      yLabel: string;
      points: ChartPoint[];
      /** Ticks of the value axis, from 0 to its top, each with its printed label. */
      yTicks: Array<{ value: number; label: string }>;
    };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  /** The word DRAFT in the language while the report is a draft, else null. */
  draft: string | null;
  draftNote: string | null;
  /** Who the report is released to: printed at the top and bottom of every page. */
  audienceLine: string;
  facts: Array<{ label: string; value: string }>;
  sections: Section[];
}

const LRI = '\u2066';
const PDI = '\u2069';

/** A table of `rows`, or when there are none the sentence (`none`) saying there is nothing to list. */
export function tableOr(table: { head: string[]; numeric: number[]; rows: string[][] }, none: string): Block {
  return table.rows.length ? { kind: 'table', ...table } : { kind: 'paragraph', text: none };
}

/** Text to be read left to right even inside right-to-left text (MGRS, signed numbers). */
export function ltr(text: string): string {
  return `${LRI}${text}${PDI}`;
}

const FSI = '\u2068';

/** Text typed by a person or taken from data (a name, a summary), isolated so its own direction cannot disturb the sentence around it. */
export function isolated(text: string): string {
  return `${FSI}${typed(text)}${PDI}`;
}

/** The spans `ltr()` marked, found again by a writer. */
export const ltrSpan = /\u2066([^\u2066-\u2069]*)\u2069/g;

/** The spans `isolated()` marked, found again by a writer. */
export const isolatedSpan = /\u2068([^\u2066-\u2069]*)\u2069/g;

// Direction controls typed into a name or a text could reorder the report's own lines around them
// ("Trojan Source"); the report isolates every such text itself, so the typed controls are dropped.
const directionControls = /[\u202A-\u202E\u2066-\u2069]/g;

/** Text typed by a person, without the direction controls that could reorder what surrounds it. */
export function typed(text: string): string {
  return text.replace(directionControls, '');
}
