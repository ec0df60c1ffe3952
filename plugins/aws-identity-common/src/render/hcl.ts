/*
 * Copyright 2026 The aws-identity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * An HCL expression that is not a literal: a reference such as
 * `data.tls_certificate.issuer.certificates[0].sha1_fingerprint` or a function call such as
 * `jsonencode({...})`. Only the renderers build these; values from requests and inventories
 * stay literals (strings go through {@link hclString}).
 */
export class HclExpression {
  private constructor(private readonly write: (indent: number) => string) {}

  /** A reference to another block's attribute; the path is checked to be a plain traversal. */
  static reference(path: string): HclExpression {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])+$/.test(path)) {
      throw new Error(`not an HCL reference: ${path}`);
    }
    return new HclExpression(() => path);
  }

  /** A call of a Terraform function with literal arguments, e.g. `jsonencode(document)`. */
  static call(name: string, ...args: HclValue[]): HclExpression {
    if (!IDENTIFIER.test(name)) throw new Error(`not an HCL function name: ${name}`);
    return new HclExpression(indent => `${name}(${args.map(a => hclValue(a, indent)).join(', ')})`);
  }

  /** The expression's text at the given indentation level. */
  toHcl(indent: number): string {
    return this.write(indent);
  }
}

/**
 * A value the HCL writer can emit. Objects are written as HCL object
 * constructors with quoted keys, so no key can be read as an expression.
 */
export type HclValue = string | number | boolean | HclExpression | HclValue[] | { [key: string]: HclValue };

/**
 * Quotes a string as an HCL template literal that evaluates to exactly the
 * input: quotes, backslashes and control characters are escaped, and the
 * template introducers `${` and `%{` are doubled so that nothing in a value can
 * become an interpolation or a directive.
 *
 * @public
 */
export function hclString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  // Function replacements: in a replacement string `$$` would itself mean `$`.
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

/** Writes `value` as an HCL expression indented by `indent` levels. */
export function hclValue(value: HclValue, indent = 0): string {
  const pad = '  '.repeat(indent);
  if (value instanceof HclExpression) return value.toHcl(indent);
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('HCL numbers must be finite');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(v => typeof v !== 'object' || v instanceof HclExpression)) return `[${value.map(v => hclValue(v)).join(', ')}]`;
    return `[\n${value.map(v => `${pad}  ${hclValue(v, indent + 1)},`).join('\n')}\n${pad}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${hclAttributes(value, indent + 1)}\n${pad}}`;
}

/**
 * Writes attributes, aligned. Keys that are plain identifiers stay bare (HCL
 * reads a bare key in an object constructor literally); any other key is
 * quoted with {@link hclString}.
 */
export function hclAttributes(attributes: { [key: string]: HclValue }, indent: number): string {
  const pad = '  '.repeat(indent);
  const entries = Object.entries(attributes).map(
    ([key, v]) => [IDENTIFIER.test(key) ? key : hclString(key), v] as const,
  );
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([key, v]) => `${pad}${key.padEnd(width)} = ${hclValue(v, indent)}`).join('\n');
}

/** An HCL identifier derived from a name, for block labels such as module names. */
export function hclIdentifier(prefix: string, name: string): string {
  return `${prefix}_${name.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`.replace(/_+$/, '');
}

/**
 * A block label derived from a name as written (e.g. a role name): characters an identifier cannot
 * hold become `_`, and a leading digit gets a `_` in front.
 */
export function hclLabel(name: string): string {
  const label = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(label) ? `_${label}` : label;
}

/** One block, `type "label" … {` with aligned attributes `}`. */
export function hclBlock(type: string, labels: string[], attributes: { [key: string]: HclValue }): string {
  return [`${type} ${labels.map(hclString).join(' ')} {`, hclAttributes(attributes, 1), '}'].join('\n');
}
