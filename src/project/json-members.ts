import { lineEnding } from './env-file.js';

/** A byte-order mark is not part of the JSON (Notepad writes one). */
export function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

interface Member {
  key: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** Locates the top-level members of a JSON object text already known to be valid. */
function scanObject(text: string): { open: number; close: number; members: Member[] } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n\uFEFF'.includes(text[i] as string)) i++;
  };
  const string = () => {
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
  };
  const value = () => {
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      let depth = 0;
      do {
        const d = text[i];
        if (d === '"') {
          string();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') depth--;
        i++;
      } while (depth > 0);
      return;
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i] as string)) i++;
  };
  ws();
  const open = i++;
  const members: Member[] = [];
  for (;;) {
    ws();
    if (text[i] === '}') return { open, close: i, members };
    const keyStart = i;
    string();
    const keyEnd = i;
    ws();
    i++; // ':'
    ws();
    const valueStart = i;
    value();
    members.push({ key: JSON.parse(text.slice(keyStart, keyEnd)) as string, keyStart, keyEnd, valueStart, valueEnd: i });
    ws();
    if (text[i] === ',') i++;
  }
}

/**
 * Sets top-level members of a JSON object's text, keeping every other byte: other keys, their order, the
 * indentation, line endings and trailing newline. New keys go last, indented like the first key; `raw`
 * null (no file) gives a new two-space-indented object. Members set to undefined are left alone.
 * Returns the new text and the keys whose value changed or that were added.
 */
export function setJsonMembers(raw: string | null, changes: Readonly<Record<string, unknown>>): { text: string; changed: string[] } {
  const entries = (Object.entries(changes) as Array<[string, unknown]>).filter(([, v]) => v !== undefined);
  if (raw === null || withoutBom(raw).trim() === '') {
    const bom = raw?.startsWith('\uFEFF') ? '\uFEFF' : '';
    const body = entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
    return { text: `${bom}{\n${body}\n}\n`, changed: entries.map(([k]) => k) };
  }
  const parsed: unknown = JSON.parse(withoutBom(raw));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('the text must be a JSON object');
  }
  const { open, close, members } = scanObject(raw);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const changed: string[] = [];
  const added: Array<[string, unknown]> = [];
  for (const [key, next] of entries) {
    const member = members.filter((m) => m.key === key).at(-1);
    if (!member) {
      added.push([key, next]);
      changed.push(key);
      continue;
    }
    const current: unknown = JSON.parse(raw.slice(member.valueStart, member.valueEnd));
    if (JSON.stringify(current) === JSON.stringify(next)) continue;
    edits.push({ start: member.valueStart, end: member.valueEnd, text: JSON.stringify(next) });
    changed.push(key);
  }
  if (added.length > 0) {
    const eol = lineEnding(raw);
    const first = members[0];
    const last = members.at(-1);
    if (!first || !last) {
      const lines = added.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
      edits.push({ start: open + 1, end: close, text: `${eol}${lines.join(`,${eol}`)}${eol}` });
    } else {
      const colon = raw.slice(first.keyEnd, first.valueStart);
      const between = raw.slice(open + 1, first.keyStart);
      const inline = !/[\r\n]/.test(between);
      const indent = inline ? '' : (/[^\r\n]*$/.exec(between)?.[0] ?? '  ');
      const lead = inline ? ' ' : eol + indent;
      const text = added.map(([k, v]) => `,${lead}${JSON.stringify(k)}${colon}${JSON.stringify(v)}`).join('');
      edits.push({ start: last.valueEnd, end: last.valueEnd, text });
    }
  }
  let text = raw;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return { text, changed };
}
