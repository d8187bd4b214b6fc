/**
 * Normalized views of a brief for golden tests (Plot-style): the text as lines (tags, styles
 * and charts removed), and the charts' SVG with numbers rounded and map outlines dropped, so
 * that a golden file is small and shows what a reader sees, not float noise.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
};

const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e]!);

/** The brief's text, one block (heading, paragraph, list item, table row) per line. */
export function briefText(html: string): string {
  return decode(
    html
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/<title>[\s\S]*?<\/title>/g, '')
      .replace(/<svg[\s\S]*?<\/svg>/g, '[chart]')
      .replace(/<\/(td|th|span)>/g, ' | ')
      .replace(
        /<(\/?)(p|li|h1|h2|tr|caption|figcaption|div|header|footer|pre|blockquote)\b[^>]*>/g,
        '\n',
      )
      .replace(/<[^>]+>/g, ''),
  )
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Every chart's SVG, one element per line: numbers rounded, map outlines reduced to fills. */
export function briefSvg(html: string): string {
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  return svgs
    .map((svg) =>
      svg
        .replace(/<path d="[^"]*" fill="#f4f4f5"\/>/g, '')
        .replace(/<path d="[^"]*"/g, '<path')
        .replace(/\s(id|aria-labelledby)="[^"]*"/g, '')
        .replace(
          /="([^"]*)"/g,
          (_m, v: string) => `="${v.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n))))}"`,
        )
        .replace(/></g, '>\n<'),
    )
    .join('\n\n');
}
