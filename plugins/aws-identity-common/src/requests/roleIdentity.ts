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
import { Role } from '../domain/types';
import { parseRoleArn } from '../parse/identifiers';
import { fail, ok, ParseResult } from '../parse/result';

/**
 * The tag key and value every role this portal creates carries (`managed-by: aws-identity`).
 *
 * @public
 */
export const MANAGED_BY_TAG = { key: 'managed-by', value: 'aws-identity' } as const;

/**
 * The tag key naming the catalog entity that owns a role this portal created
 * (`aws-identity/entity: component:default/payments`).
 *
 * @public
 */
export const OWNING_ENTITY_TAG_KEY = 'aws-identity/entity';

/**
 * The key under which IAM knows a role name in an account. IAM role names are unique per account
 * regardless of path, and not distinguished by case ("Role names are not distinguished by case.
 * For example, you cannot create roles named both PRODROLE and prodrole."), so
 * `role/k8s-main/ExternalSecrets` and `role/externalsecrets` are the same name. Every lookup of
 * "does this role already exist" goes through this key.
 *
 * @public
 */
export function roleNameKey(accountId: string, roleName: string): string {
  return `${accountId}/${roleName.toLowerCase()}`;
}

/**
 * {@link roleNameKey} of a role ARN (`arn:aws:iam::<account>:role/<path><name>`); `undefined`
 * when the text is not a role ARN.
 *
 * @public
 */
export function roleNameKeyOfArn(arn: string): string | undefined {
  const parsed = parseRoleArn(arn);
  return parsed.ok ? roleNameKey(parsed.value.accountId, parsed.value.name) : undefined;
}

/** IAM tag grammar: letters, digits, spaces and `_ . : / = + - @` (Unicode letters allowed). */
const IAM_TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Validates one IAM tag: the key 1–128 characters, the value 0–256, both of letters, digits,
 * spaces and `_ . : / = + - @`, and the key not starting with the reserved prefix `aws:`
 * (IAM `Tag` data type and "Tagging IAM resources" rules).
 *
 * @public
 */
export function validateIamTag(key: string, value: string): ParseResult<{ key: string; value: string }> {
  if (key.length < 1 || key.length > 128) return fail(`tag key ${JSON.stringify(key)} must be 1 to 128 characters`);
  if (value.length > 256) return fail(`tag value of ${JSON.stringify(key)} is longer than 256 characters`);
  if (!IAM_TAG_TEXT.test(key)) return fail(`tag key ${JSON.stringify(key)} may only contain letters, digits, spaces and _ . : / = + - @`);
  if (!IAM_TAG_TEXT.test(value)) return fail(`tag value of ${JSON.stringify(key)} may only contain letters, digits, spaces and _ . : / = + - @`);
  if (/^aws:/i.test(key)) return fail(`tag key ${JSON.stringify(key)} uses the prefix aws:, which AWS reserves`);
  return ok({ key, value });
}

/**
 * The ownership tags of a role this portal creates for an entity: {@link MANAGED_BY_TAG} and
 * {@link OWNING_ENTITY_TAG_KEY}. A component ref the planner validated always fits IAM's tag
 * grammar ({@link validateIamTag}); the renderers quote whatever they are given, so a tampered
 * value stays inside its field rather than failing the render.
 *
 * @public
 */
export function ownershipTags(entityRef: string): Record<string, string> {
  return { [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value, [OWNING_ENTITY_TAG_KEY]: entityRef };
}

/**
 * A role's tag values by key as IAM matches tags: keys case-insensitively, values exactly
 * ("Tagging IAM resources"). The one place the engine reads a role's tags.
 */
export function roleTagLookup(tags: Readonly<Record<string, string>> | undefined): (key: string) => string | undefined {
  const byKey = new Map(Object.entries(tags ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
  return key => byKey.get(key.toLowerCase());
}

/**
 * Why an existing role with the planned name is not this portal's role for the entity: it lacks
 * `managed-by: aws-identity`, or another entity owns it. `undefined` when the role is the
 * portal's, for this entity. IAM compares tag keys case-insensitively and values exactly; so do
 * we.
 *
 * @public
 */
export function foreignRoleReason(
  role: Pick<Role, 'arn' | 'tags'>,
  entityRef: string,
): string | undefined {
  const tag = roleTagLookup(role.tags);
  const managedBy = tag(MANAGED_BY_TAG.key);
  if (managedBy !== MANAGED_BY_TAG.value) {
    return `${role.arn} already exists and was not created by aws-identity (no tag ${MANAGED_BY_TAG.key}: ${MANAGED_BY_TAG.value}); approving would adopt and rewrite it`;
  }
  const owner = tag(OWNING_ENTITY_TAG_KEY);
  if (owner !== entityRef) {
    return `${role.arn} already exists and belongs to ${owner ? JSON.stringify(owner) : 'no entity'} (tag ${OWNING_ENTITY_TAG_KEY}), not ${entityRef}; approving would take it over`;
  }
  return undefined;
}
