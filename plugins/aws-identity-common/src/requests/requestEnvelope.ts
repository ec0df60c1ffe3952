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
import { IAC_FORMATS, IacFormat, REQUEST_KINDS, RequestKind } from '../api/requests';
import { nonAsciiProblem } from '../parse/plainText';
import { fail, ok, ParseResult, quote } from '../parse/result';

/**
 * Client-chosen idempotency keys: short, and free of characters that would need escaping in a
 * log line, a URL or a checkpoint key.
 */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:/@-]{1,200}$/;
/** A user entity ref as the catalog writes it (`user:<namespace>/<name>`). */
const USER_REF = /^user:[a-z0-9][a-z0-9._-]{0,62}\/[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
/**
 * A URL with a scheme and nothing that could break out of the Markdown, YAML or HTML it is
 * shown in (whitespace, quotes, braces, backslashes).
 */
const REPO_URL = /^[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>`{}\\]{1,2000}$/;
/** Schemes a repository is reached by: HTTPS, SSH, or a path on the backend's host (the sandbox). */
const REPO_URL_SCHEMES = ['https:', 'ssh:', 'file:'];

/**
 * The fields of the `POST /requests` envelope, around the role request itself.
 *
 * @public
 */
export type RoleRequestEnvelopeField =
  | 'body'
  | 'kind'
  | 'idempotencyKey'
  | 'request'
  | 'format'
  | 'repoUrl'
  | 'requestedBy';

/**
 * A validated `POST /requests` envelope. The role request inside is still unchecked: the
 * engine (`planRoleRequest`) validates it field by field.
 *
 * @public
 */
export interface RoleRequestEnvelope {
  /** What the request asks for; absent when the body names none, which means `role`. */
  kind?: RequestKind;
  idempotencyKey: string;
  request: Record<string, unknown>;
  format?: IacFormat;
  repoUrl?: string;
  requestedBy?: string;
}

/**
 * The outcome of {@link parseRoleRequestEnvelope}: the envelope, or the first field that is
 * wrong and why.
 *
 * @public
 */
export type RoleRequestEnvelopeResult =
  | { ok: true; value: RoleRequestEnvelope }
  | { ok: false; field: RoleRequestEnvelopeField; error: string };

/**
 * Checks an idempotency key: 1–200 letters, digits and `._:/@-`.
 *
 * @public
 */
export function validateIdempotencyKey(value: unknown): ParseResult<string> {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value)
    ? ok(value)
    : fail('1–200 characters of letters, digits and ._:/@-');
}

/**
 * Checks where the rendered files of a request were published: a URL with a scheme and without
 * whitespace, quotes or braces.
 *
 * @public
 */
export function validateRepoUrl(
  value: unknown,
  options: { allowedHosts?: readonly string[] } = {},
): ParseResult<string> {
  if (typeof value !== 'string' || !REPO_URL.test(value)) {
    return fail('must be a URL without whitespace, quotes or braces');
  }
  const nonAscii = nonAsciiProblem(value);
  if (nonAscii) return fail(`${quote(value)} ${nonAscii}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`${quote(value)} is not a URL`);
  }
  if (!REPO_URL_SCHEMES.includes(url.protocol)) {
    return fail(`${quote(url.protocol)} is not a repository scheme: use https:, ssh: or file:`);
  }
  // Credentials in a URL end up in the database, logs and notifications: never accept them.
  if (url.password || (url.username && url.protocol !== 'ssh:')) {
    return fail('must not carry credentials (user or password) in the URL');
  }
  if (url.protocol !== 'file:' && options.allowedHosts && !options.allowedHosts.includes(url.hostname.toLowerCase())) {
    return fail(`host ${quote(url.hostname)} is not a configured repository host (${options.allowedHosts.join(', ') || 'none'})`);
  }
  return ok(value);
}

/**
 * Checks the user a service submits a request for: a user entity ref.
 *
 * @public
 */
export function validateRequestedBy(value: unknown): ParseResult<string> {
  return typeof value === 'string' && USER_REF.test(value)
    ? ok(value)
    : fail('must be a user entity ref such as user:default/jane');
}

/**
 * Checks an IaC format name against {@link IAC_FORMATS}.
 *
 * @public
 */
export function validateIacFormat(value: unknown): ParseResult<IacFormat> {
  return (IAC_FORMATS as readonly unknown[]).includes(value)
    ? ok(value as IacFormat)
    : fail(`${quote(String(value))} must be one of ${IAC_FORMATS.join(', ')}`);
}

/**
 * Validates the envelope of `POST /requests` (the one rule for it: the backend's route and the
 * scaffolder's `aws-identity:request:create` both use these checks). Optional fields may be
 * absent; present ones must be valid.
 *
 * @public
 */
export function parseRoleRequestEnvelope(
  body: unknown,
  options: {
    /** Hosts `repoUrl` may name (lower case); any host when absent. */
    repoHosts?: readonly string[];
  } = {},
): RoleRequestEnvelopeResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, field: 'body', error: 'must be a JSON object' };
  }
  const { kind, idempotencyKey, request, format, repoUrl, requestedBy } = body as Record<string, unknown>;
  if (kind !== undefined && !(REQUEST_KINDS as readonly unknown[]).includes(kind)) {
    return { ok: false, field: 'kind', error: `${quote(String(kind).slice(0, 40))} must be one of ${REQUEST_KINDS.join(', ')}` };
  }
  const key = validateIdempotencyKey(idempotencyKey);
  if (!key.ok) return { ok: false, field: 'idempotencyKey', error: key.error };
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { ok: false, field: 'request', error: 'must be an object' };
  }
  const optional: Array<[RoleRequestEnvelopeField, unknown, (value: unknown) => ParseResult<unknown>]> = [
    ['format', format, validateIacFormat],
    ['repoUrl', repoUrl, value => validateRepoUrl(value, { allowedHosts: options.repoHosts })],
    ['requestedBy', requestedBy, validateRequestedBy],
  ];
  for (const [field, value, validate] of optional) {
    if (value === undefined) continue;
    const result = validate(value);
    if (!result.ok) return { ok: false, field, error: result.error };
  }
  return {
    ok: true,
    value: {
      ...(kind !== undefined ? { kind: kind as RequestKind } : {}),
      idempotencyKey: key.value,
      request: request as Record<string, unknown>,
      ...(format !== undefined ? { format: format as IacFormat } : {}),
      ...(repoUrl !== undefined ? { repoUrl: repoUrl as string } : {}),
      ...(requestedBy !== undefined ? { requestedBy: requestedBy as string } : {}),
    },
  };
}
