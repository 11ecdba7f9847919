import { escapeXmlAttr, escapeXmlText } from '../io/xml-escape.ts';
import type { Block } from './document.ts';

type Chart = Extract<Block, { kind: 'chart' }>;

const width = 640;
const height = 210;
// `side` holds the value axis and its labels; `end` half the widest day label, centred on the last day.
const pad = { top: 12, bottom: 46, side: 58, end: 44 };

const fixed = (v: number) => v.toFixed(1);

/**
 * The 30-day trend as an inline SVG line chart, drawn here so the report needs no script or fetch.
 * In a right-to-left report time runs from right to left and the value axis stands on the right,
 * as the reader's eye moves. Day labels are centred on their tick: Chromium anchors `start` and
 * `end` by each label's own script direction, so only `middle` means the same in every language.
 */
export function trendSvg(chart: Chart, dir: 'ltr' | 'rtl'): string {
  const rtl = dir === 'rtl';
  const plotW = width - pad.side - pad.end;
  const plotH = height - pad.top - pad.bottom;
  const top = chart.yTicks.at(-1)?.value ?? 1;
  const n = chart.points.length;
  const x = (i: number) => {
    const t = n <= 1 ? 0.5 : i / (n - 1);
    return rtl ? pad.end + (1 - t) * plotW : pad.side + t * plotW;
  };
  const y = (v: number) => pad.top + (1 - Math.min(v, top) / top) * plotH;
  const left = rtl ? pad.end : pad.side;
  const right = left + plotW;
  const axisX = rtl ? right : left;
  const parts: string[] = [];
  for (const tick of chart.yTicks) {
    const ty = fixed(y(tick.value));
    parts.push(`<line class="grid" x1="${left}" x2="${right}" y1="${ty}" y2="${ty}"/>`);
    const lx = rtl ? right + 6 : left - 6;
    parts.push(
      `<text x="${lx}" y="${ty}" dy="0.35em" text-anchor="${rtl ? 'start' : 'end'}">${escapeXmlText(tick.label)}</text>`,
    );
  }
  parts.push(`<line class="axis" x1="${axisX}" x2="${axisX}" y1="${pad.top}" y2="${pad.top + plotH}"/>`);
  parts.push(`<line class="axis" x1="${left}" x2="${right}" y1="${pad.top + plotH}" y2="${pad.top + plotH}"/>`);
  // A label every fifth day and on the last, so 30 dates never collide.
  chart.points.forEach((p, i) => {
    if (i % 5 !== 0 && i !== n - 1) return;
    if (i !== n - 1 && n - 1 - i < 3) return;
    const px = fixed(x(i));
    parts.push(`<line class="axis" x1="${px}" x2="${px}" y1="${pad.top + plotH}" y2="${pad.top + plotH + 4}"/>`);
    parts.push(`<text x="${px}" y="${pad.top + plotH + 16}" text-anchor="middle">${escapeXmlText(p.label)}</text>`);
  });
  const pts = chart.points.map((p, i) => `${fixed(x(i))},${fixed(y(p.value))}`);
  if (n > 0) {
    const base = fixed(pad.top + plotH);
    parts.push(`<polygon class="area" points="${fixed(x(0))},${base} ${pts.join(' ')} ${fixed(x(n - 1))},${base}"/>`);
    parts.push(`<polyline class="line" points="${pts.join(' ')}"/>`);
    for (const [i, p] of chart.points.entries()) {
      parts.push(
        `<circle class="dot" cx="${fixed(x(i))}" cy="${fixed(y(p.value))}" r="2"><title>${escapeXmlText(`${p.label}: ${p.valueText}`)}</title></circle>`,
      );
    }
  }
  parts.push(
    `<text class="axis-title" x="${fixed(left + plotW / 2)}" y="${height - 6}" text-anchor="middle">${escapeXmlText(chart.xLabel)}</text>`,
  );
  const yx = rtl ? width - 10 : 10;
  const yy = fixed(pad.top + plotH / 2);
  parts.push(
    `<text class="axis-title" x="${yx}" y="${yy}" text-anchor="middle" transform="rotate(${rtl ? 90 : -90} ${yx} ${yy})">${escapeXmlText(chart.yLabel)}</text>`,
  );
  return `<svg class="chart" direction="ltr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXmlAttr(chart.title)}"><title>${escapeXmlText(chart.title)}</title>${parts.join('')}</svg>`;
}
