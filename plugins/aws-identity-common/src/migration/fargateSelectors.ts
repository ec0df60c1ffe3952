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

import { FargateProfile, FargateProfileSelector } from '../domain/types';
import { matchesWildcard } from '../evaluate/wildcard';

/**
 * Whether a Fargate profile selector selects a pod of `namespace` with `labels`: the namespace
 * matches and every label of the selector is on the pod (EKS User Guide, "Define which Pods use
 * AWS Fargate when launched": "the Pod must match all of the labels specified in the
 * selector"). Namespace, label keys and label values may use the `*` and `?` wildcards.
 *
 * @public
 */
export function fargateSelectorSelects(
  selector: FargateProfileSelector,
  namespace: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!matchesWildcard(selector.namespace, namespace)) return false;
  return Object.entries(selector.labels ?? {}).every(([keyPattern, valuePattern]) =>
    Object.entries(labels).some(
      ([key, value]) => matchesWildcard(keyPattern, key) && matchesWildcard(valuePattern, value),
    ),
  );
}

/**
 * One profile selecting one label set of a workload's pods.
 *
 * @public
 */
export interface FargateSelection {
  profile: string;
  selector: FargateProfileSelector;
  labels: Readonly<Record<string, string>>;
}

/**
 * The profiles (not being deleted) that select pods of `namespace` with one of `labelSets`.
 *
 * @public
 */
export function fargateSelections(
  profiles: readonly FargateProfile[],
  namespace: string,
  labelSets: ReadonlyArray<Readonly<Record<string, string>>>,
): FargateSelection[] {
  const selections: FargateSelection[] = [];
  for (const profile of profiles) {
    if (profile.status === 'DELETING') continue;
    for (const labels of labelSets) {
      const selector = profile.selectors.find(s => fargateSelectorSelects(s, namespace, labels));
      if (selector) selections.push({ profile: profile.name, selector, labels });
    }
  }
  return selections;
}
