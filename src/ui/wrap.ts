/** Word-wraps plain text to `width` columns; a word longer than the width stays whole on its own line. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** The printable width of a line (ANSI colour codes do not count). */
export function visibleLength(line: string): number {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/**
 * Wraps every line of `text` to `width` visible columns at spaces, keeping each line's leading indent
 * on its continuation lines and ignoring colour codes when measuring. A word wider than the line stays whole.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (visibleLength(line) <= width) {
      out.push(line);
      continue;
    }
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    // A check line's continuation hangs under its words, not under its mark (❌ takes two columns).
    const mark = /^(?:\x1b\[[0-9;]*m)*(✔|⚠|❌|✖)(?:\x1b\[[0-9;]*m)* /.exec(line.slice(indent.length))?.[1];
    const hang = indent + (mark ? ' '.repeat(mark === '❌' ? 3 : 2) : '');
    const room = Math.max(10, width - hang.length);
    const first = out.length;
    let current = '';
    let currentLength = 0;
    for (const word of line.slice(indent.length).split(' ').filter((w) => w !== '')) {
      const length = visibleLength(word);
      if (currentLength > 0 && currentLength + 1 + length > room) {
        out.push((out.length === first ? indent : hang) + current);
        current = '';
        currentLength = 0;
      }
      current = currentLength > 0 ? `${current} ${word}` : word;
      currentLength += (currentLength > 0 ? 1 : 0) + length;
    }
    out.push((out.length === first ? indent : hang) + current);
  }
  return out.join('\n');
}
