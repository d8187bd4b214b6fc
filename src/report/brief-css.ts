/** The brief's stylesheet: inline, system fonts only (CJK fallbacks named), A4-friendly print. */
export const BRIEF_CSS = `
@page { size: A4; margin: 16mm 15mm 18mm; }
:root { color: #18181b; background: #fff; font-size: 10.5pt; line-height: 1.5;
  font-family: 'Noto Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Source Han Sans SC',
    'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif; }
:lang(zh-CN) { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC',
    'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans', sans-serif; }
body { margin: 0; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
header { border-bottom: 3px solid #1d4ed8; padding-bottom: 6px; margin-bottom: 10px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: #1d4ed8; font-weight: 700; }
h1 { font-size: 20pt; margin: 2px 0 4px; line-height: 1.2; }
h2 { font-size: 12.5pt; margin: 16px 0 6px; color: #1e3a8a; break-after: avoid; }
.meta, .members { color: #52525b; font-size: 9pt; margin: 2px 0; }
.findings { background: #eff6ff; border-left: 4px solid #1d4ed8; padding: 4px 14px 6px; }
.findings h2 { margin-top: 6px; }
.findings ol { margin: 0; padding-left: 18px; }
.findings li { margin: 4px 0; }
figure { margin: 10px 0 12px; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption.title { font-weight: 700; font-size: 9.5pt; margin-bottom: 4px; }
figcaption.source, .note { color: #52525b; font-size: 8.5pt; margin-top: 3px; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 8px 0 12px; break-inside: auto; }
caption { text-align: left; font-weight: 700; font-size: 9.5pt; padding-bottom: 4px; }
th, td { border-bottom: 1px solid #e4e4e7; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f5; font-weight: 600; white-space: nowrap; }
tr { break-inside: avoid; }
.nw, td:last-child, th:last-child { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
sup.ref { font-size: 7.5pt; }
sup.ref a, .sources a { color: #1d4ed8; text-decoration: none; }
.figures { display: flex; gap: 24px; flex-wrap: wrap; margin: 6px 0; }
.figures b { font-size: 14pt; display: block; }
.figures span { color: #52525b; font-size: 9pt; }
blockquote { margin: 6px 0; padding: 2px 10px; border-left: 3px solid #d4d4d8; color: #3f3f46; font-size: 9pt; }
.assumptions li { margin: 3px 0; }
.sources ol { font-size: 8.5pt; padding-left: 22px; }
.sources li { margin: 2px 0; break-inside: avoid; }
.sources .id { color: #71717a; }
.sources .url { color: #52525b; word-break: break-all; }
.warn { color: #b91c1c; font-weight: 600; }
footer { border-top: 1px solid #d4d4d8; margin-top: 16px; font-size: 9pt; }
pre { background: #f4f4f5; padding: 6px 8px; white-space: pre-wrap; word-break: break-all; font-size: 8.5pt; }
`;
