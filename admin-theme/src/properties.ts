/**
 * Reads a Java `.properties` message bundle (as Keycloak's themes keep them): `key=value` or `key: value` lines,
 * `#`/`!` comments, `\` line continuations and the escapes `\n`, `\t`, `\uXXXX`, `\\`.
 */
export function parseProperties(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^\s+/, "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) {
      continue;
    }
    while (endsWithContinuation(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^\s+/, "");
    }
    const separator = line.search(/(?<!\\)[=:]/);
    const key = separator < 0 ? line.trim() : line.slice(0, separator).trim();
    const value = separator < 0 ? "" : line.slice(separator + 1).replace(/^\s+/, "");
    result[unescape(key)] = unescape(value);
  }
  return result;
}

function endsWithContinuation(line: string): boolean {
  const trailing = line.match(/\\+$/)?.[0].length ?? 0;
  return trailing % 2 === 1;
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) {
      return String.fromCharCode(parseInt(c.slice(1), 16));
    }
    return c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c;
  });
}
