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
import { MAX_SESSION_POLICY_LENGTH } from '../checks/podIdentityChainChecks';
import { parseRoleArn } from '../parse/identifiers';
import { quote } from '../parse/result';
import { parsePolicy } from '../policy/parsePolicy';

/**
 * The Pod Identity association options a role request may choose, validated.
 *
 * @public
 */
export interface PodIdentityRequestOptions {
  /** The cross-account role the association chains to (`targetRoleArn`). */
  targetRoleArn?: string;
  /** The association's session policy as minified JSON text. */
  sessionPolicy?: string;
  /** EKS attaches no session tags. */
  disableSessionTags?: boolean;
}

/**
 * Outcome of {@link validatePodIdentityRequestOptions}: the options, or the field at fault.
 *
 * @public
 */
export type PodIdentityRequestOptionsResult =
  | { ok: true; value: PodIdentityRequestOptions }
  | { ok: false; field: string; error: string };

const FIELDS = ['targetRoleArn', 'sessionPolicy', 'disableSessionTags'] as const;

/**
 * Validates the Pod Identity options of a role request as EKS's CreatePodIdentityAssociation
 * would: `targetRoleArn` an IAM role ARN (in the same partition, not the planned role itself),
 * `sessionPolicy` a valid IAM policy of at most 2,048 characters (given as JSON text or as a
 * document) that EKS accepts only with `disableSessionTags: true`, `disableSessionTags` a
 * boolean; all three only with `binding: pod-identity`. The first invalid field is named.
 *
 * @public
 */
export function validatePodIdentityRequestOptions(
  draft: { targetRoleArn?: unknown; sessionPolicy?: unknown; disableSessionTags?: unknown },
  planned: { binding: string; roleArn: string },
): PodIdentityRequestOptionsResult {
  const bad = (field: string, error: string) => ({ ok: false as const, field, error });
  const given = FIELDS.filter(f => draft[f] !== undefined && draft[f] !== null);
  if (given.length > 0 && planned.binding !== 'pod-identity')
    return bad(given[0], `${given[0]} is an EKS Pod Identity association option; it needs binding pod-identity`);
  const options: PodIdentityRequestOptions = {};

  if (draft.disableSessionTags !== undefined && draft.disableSessionTags !== null) {
    if (typeof draft.disableSessionTags !== 'boolean')
      return bad('disableSessionTags', `disableSessionTags must be true or false, not ${quote(draft.disableSessionTags)}`);
    options.disableSessionTags = draft.disableSessionTags;
  }

  if (draft.targetRoleArn !== undefined && draft.targetRoleArn !== null) {
    const target = parseRoleArn(draft.targetRoleArn);
    if (!target.ok) return bad('targetRoleArn', `target role: ${target.error}`);
    const own = parseRoleArn(planned.roleArn);
    if (own.ok && target.value.partition !== own.value.partition)
      return bad('targetRoleArn', `target role ${quote(draft.targetRoleArn)} is in partition ${target.value.partition}; the association role is in ${own.value.partition}`);
    if (target.value.arn === planned.roleArn)
      return bad('targetRoleArn', 'the target role must be another role than the one requested (the association role)');
    options.targetRoleArn = target.value.arn;
  }

  if (draft.sessionPolicy !== undefined && draft.sessionPolicy !== null) {
    let document: unknown = draft.sessionPolicy;
    if (typeof draft.sessionPolicy === 'string') {
      try {
        document = JSON.parse(draft.sessionPolicy);
      } catch (e) {
        return bad('sessionPolicy', `session policy is not valid JSON: ${(e as Error).message}`);
      }
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      return bad('sessionPolicy', 'session policy must be a policy document (a JSON object)');
    const parsed = parsePolicy(document);
    if (!parsed.ok) return bad('sessionPolicy', `session policy is not a valid policy: ${parsed.error}`);
    const text = JSON.stringify(document);
    if (text.length > MAX_SESSION_POLICY_LENGTH)
      return bad('sessionPolicy', `session policy is ${text.length} characters (minified), over EKS's ${MAX_SESSION_POLICY_LENGTH}`);
    if (options.disableSessionTags !== true)
      return bad('sessionPolicy', 'a session policy needs disableSessionTags: true (EKS rejects a session policy with session tags, PID-05)');
    options.sessionPolicy = text;
  }
  return { ok: true, value: options };
}
