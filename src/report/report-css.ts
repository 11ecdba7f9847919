/**
 * The report's stylesheet, inline so the document stands alone. Logical properties (start/end) make
 * one sheet serve both directions; Noto carries Arabic script (Debian's fonts-noto-core).
 */
export const reportCss = `
@page { size: A4; margin: 20mm 15mm 20mm 15mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #111; }
html[dir="rtl"] { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans", sans-serif; }
body { margin: 0 auto; max-width: 190mm; padding: 0; line-height: 1.4; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #1f3b57; color: #1f3b57; break-after: avoid; }
h3 { font-size: 10pt; margin: 7pt 0 2pt; break-after: avoid; }
p { margin: 3pt 0; }
p.lead { font-weight: 600; }
p.note { color: #444; font-style: italic; }
p.audience { margin: 0 0 6pt; padding: 3pt 6pt; border: 1pt solid #1f3b57; font-weight: 600; text-align: center; }
p.audience.end { margin-top: 14pt; }
header { border-bottom: 2pt solid #1f3b57; padding-bottom: 6pt; margin-bottom: 6pt; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 4pt 0; }
dl.facts dt { font-weight: 600; color: #333; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 5pt; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #999; padding: 1.5pt 4pt; text-align: start; vertical-align: top; }
th { background: #e8edf2; font-weight: 600; }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul { margin: 3pt 0; padding-inline-start: 16pt; }
ul.highlights li { margin: 2pt 0; font-weight: 500; }
ul.tearlines { list-style: none; padding: 0; }
ul.tearlines li { border: 1pt dashed #666; border-inline-start: 3pt solid #666; padding: 3pt 6pt; margin: 3pt 0; break-inside: avoid; }
p.free { white-space: normal; overflow-wrap: anywhere; }
div.keep { break-inside: avoid; }
figure { margin: 4pt 0; break-inside: avoid; }
svg.chart { width: 100%; max-width: 170mm; height: auto; display: block; font-size: 10px; }
svg.chart text { fill: #333; }
svg.chart .axis-title { font-weight: 600; }
svg.chart .grid { stroke: #ddd; stroke-width: 0.6; }
svg.chart .axis { stroke: #555; stroke-width: 0.8; }
svg.chart .line { fill: none; stroke: #b3261e; stroke-width: 1.6; }
svg.chart .area { fill: #b3261e; fill-opacity: 0.12; }
svg.chart .dot { fill: #b3261e; }
bdi { unicode-bidi: isolate; }
.draft-mark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 90pt; font-weight: 700; color: rgba(179, 38, 30, 0.13); transform: rotate(-30deg); pointer-events: none; z-index: 0; }
p.draft-note { color: #b3261e; border: 1.5pt solid #b3261e; padding: 3pt 6pt; text-align: center; }
section { position: relative; z-index: 1; }
`;
