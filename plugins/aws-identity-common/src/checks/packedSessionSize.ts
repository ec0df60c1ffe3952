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
import { PodIdentityAssociation } from '../domain/types';
import {
  PodIdentityRequestInput,
  podIdentitySessionTags,
} from '../evaluate/workloadRequests';

/**
 * The plain-text budget the packed estimate is measured against: the 2,048 characters STS
 * documents for session policies (IAM User Guide, "IAM and AWS STS quotas"), which session tags
 * share once STS packs both into one binary blob.
 *
 * @public
 */
export const PACKED_SESSION_BUDGET = 2048;

/** Kubernetes' limit for a pod name (a DNS subdomain), which EKS passes as `kubernetes-pod-name`. */
const MAX_POD_NAME = 253;
/** A pod UID is an RFC 4122 UUID in text form. */
const POD_UID_LENGTH = 36;

/**
 * An estimate of what STS packs for the session an association's pods get.
 *
 * @public
 */
export interface PackedSessionEstimate {
  /** Characters of session-tag keys and values (pod name and UID at their maximum length). */
  tagCharacters: number;
  /** Characters of the session policy, minified (whitespace is not part of what STS packs). */
  policyCharacters: number;
  /** Number of session tags the session carries (transitive ones included). */
  tagCount: number;
  /** `(tagCharacters + policyCharacters) / PACKED_SESSION_BUDGET`. */
  ratio: number;
}

function minifiedLength(text: string): number {
  try {
    return JSON.stringify(JSON.parse(text)).length;
  } catch {
    return text.length;
  }
}

/**
 * Estimates the packed size of the session EKS Pod Identity opens for an association (STS
 * `PackedPolicySize`): the six session tags EKS adds (EKS User Guide, "List of session tags
 * added by EKS Pod Identity") — with a target role they are transitive and ride along into the
 * chained session — plus the session policy. STS compresses these into a binary form whose
 * limit it does not publish (it reports `PackedPolicySize` as a percentage after the call), so
 * this is an estimate from the plain text: pod name and UID differ per pod and count at their
 * maximum length.
 *
 * @public
 */
export function estimatePackedSession(
  association: PodIdentityAssociation,
  request: PodIdentityRequestInput,
): PackedSessionEstimate {
  const tags = association.disableSessionTags
    ? {}
    : podIdentitySessionTags({
        ...request,
        podName: 'x'.repeat(MAX_POD_NAME),
        podUid: 'x'.repeat(POD_UID_LENGTH),
      });
  const tagCharacters = Object.entries(tags).reduce(
    (n, [key, value]) => n + key.length + value.length,
    0,
  );
  const policyCharacters =
    association.sessionPolicy === undefined ? 0 : minifiedLength(association.sessionPolicy);
  return {
    tagCharacters,
    policyCharacters,
    tagCount: Object.keys(tags).length,
    ratio: (tagCharacters + policyCharacters) / PACKED_SESSION_BUDGET,
  };
}
