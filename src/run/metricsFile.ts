/**
 * Reads the JSON lines a script appended to AML_METRICS_FILE: {"name": "...", "value": ...}.
 * A name logged once keeps its value; a name logged again becomes the list of values in order
 * (how Workbench's run_logger charted a metric over epochs). Bad lines are reported, not fatal.
 */
export function parseMetrics(text: string): { metrics: Record<string, unknown>; bad: number[] } {
  const metrics: Record<string, unknown> = {};
  const seen = new Map<string, unknown[]>();
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const m = parseLine(line);
      if (typeof m.name !== 'string' || !m.name || !('value' in m)) throw new Error('no name/value');
      const list = seen.get(m.name) ?? [];
      list.push(m.value);
      seen.set(m.name, list);
    } catch {
      bad.push(i + 1);
    }
  });
  for (const [name, values] of seen) metrics[name] = values.length === 1 ? values[0] : values;
  return { metrics, bad };
}

/**
 * One metrics line. Python's json.dumps writes NaN and Infinity bare, which JSON cannot hold; a diverged
 * loss is worth keeping, so such a value is kept as the string "NaN", "Infinity" or "-Infinity".
 */
function parseLine(line: string): { name?: unknown; value?: unknown } {
  try {
    return JSON.parse(line);
  } catch (e) {
    const quoted = quoteBareNumbers(line);
    if (quoted === line) throw e;
    return JSON.parse(quoted);
  }
}

/** Quotes bare NaN, Infinity and -Infinity outside JSON strings; everything else is left as it is. */
function quoteBareNumbers(line: string): string {
  let out = '';
  for (let i = 0; i < line.length;) {
    if (line[i] === '"') {
      // Copy a whole string, escapes included.
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      out += line.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(-?Infinity|NaN)(?![A-Za-z0-9_])/.exec(line.slice(i, i + 9));
    if (m && !/[A-Za-z0-9_]/.test(line[i - 1] ?? '')) {
      out += `"${m[1]}"`;
      i += m[1].length;
      continue;
    }
    out += line[i++];
  }
  return out;
}
