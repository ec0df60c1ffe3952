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
import { makeValidator, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { nonAsciiProblem } from './plainText';
import { ParseResult, fail, ok, quote } from './result';

/**
 * Longest declared owner accepted, in characters (also the width of the
 * column the backend stores it in).
 *
 * @public
 */
export const MAX_OWNER_REF_LENGTH = 255;

/** Kinds that can own a component in the catalog (`spec.owner`). */
const OWNER_KINDS = ['group', 'user'];
const validator = makeValidator();

/**
 * Validates the owner a requester declares for a role request and returns it
 * as a full, lower-case entity ref. The ref is read the way the catalog reads
 * a component's `spec.owner`: a bare name is a group in the default namespace
 * (`app-team` → `group:default/app-team`), just as a bare request `entityRef`
 * is a component. The kind must be `group` or `user`; the namespace and name
 * must be ones the catalog accepts, so the ref can name a real entity and
 * cannot smuggle text into notifications or the UI.
 *
 * @public
 */
export function normalizeOwnerRef(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('owner must be a group or user entity ref such as group:default/app-team');
  }
  if (input.length > MAX_OWNER_REF_LENGTH) {
    return fail(`owner ${quote(input)} is longer than ${MAX_OWNER_REF_LENGTH} characters`);
  }
  // A space gets the catalog's reason for an invalid name, below.
  const nonAscii = nonAsciiProblem(input, { allowSpace: true });
  if (nonAscii) return fail(`owner ${quote(input)} ${nonAscii}`);
  let ref: { kind: string; namespace: string; name: string };
  try {
    ref = parseEntityRef(input, { defaultKind: 'group', defaultNamespace: 'default' });
  } catch {
    return fail(`owner ${quote(input)} is not an entity ref of the form [<kind>:][<namespace>/]<name>, e.g. group:default/app-team`);
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (!OWNER_KINDS.includes(kind)) {
    return fail(`owner ${quote(input)} must be a group or user entity ref, not kind ${quote(ref.kind)}`);
  }
  if (!validator.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US'))) {
    return fail(`owner ${quote(input)} has an invalid namespace: lower-case letters, digits and '-', at most 63 characters`);
  }
  if (!validator.isValidEntityName(ref.name)) {
    return fail(`owner ${quote(input)} has an invalid name: letters, digits and '-', '_', '.', at most 63 characters`);
  }
  return ok(stringifyEntityRef({ kind, namespace: ref.namespace, name: ref.name }).toLocaleLowerCase('en-US'));
}
