const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92,
};

/**
 * Undoes git's C-style path quoting (`"a/caf\303\251\n"`): escapes and octal
 * bytes, decoded as UTF-8. Unquoted input is returned as is.
 */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  return unquoteGitPathBytes(text).toString('utf8');
}

/** The bytes of a path git printed C-quoted (or as is): what names it exactly, when it is not UTF-8. */
export function unquoteGitPathBytes(text: string): Buffer {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return Buffer.from(text);
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes);
}
