/**
 * JSON.parse of a file's text, past a leading byte order mark: editors on
 * Windows save UTF-8 with one, and npm and node's own require read such JSON
 * files; JSON.parse alone rejects it as an unexpected token.
 */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
