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


import { Entity } from '@backstage/catalog-model';
import { WorkloadSelector } from '@internal/plugin-aws-identity-common';

const ANNOTATIONS = {
  kubernetesId: 'backstage.io/kubernetes-id',
  labelSelector: 'backstage.io/kubernetes-label-selector',
  namespace: 'backstage.io/kubernetes-namespace',
};

/**
 * The Kubernetes plugin's annotations of an entity, which say where its workloads are.
 *
 * @public
 */
export function workloadSelectorOf(entity: Entity): WorkloadSelector {
  const annotations = entity.metadata.annotations ?? {};
  return {
    kubernetesId: annotations[ANNOTATIONS.kubernetesId] || undefined,
    labelSelector: annotations[ANNOTATIONS.labelSelector] || undefined,
    namespace: annotations[ANNOTATIONS.namespace] || undefined,
  };
}

type Requirement = { key: string; op: '=' | '!='; value: string };

/**
 * Compiles a selector into a label predicate. `kubernetes-id` means the label
 * `backstage.io/kubernetes-id=<id>`, as in the Kubernetes plugin; a label selector supports the
 * equality forms (`a=b`, `a==b`, `a!=b`) and bare-key existence (`a`, `!a`).
 *
 * @public
 */
export function compileSelector(
  selector: WorkloadSelector,
): ((labels: Record<string, string>) => boolean) | undefined {
  if (selector.labelSelector) {
    const requirements = selector.labelSelector
      .split(',')
      .map(part => part.trim())
      .filter(Boolean)
      .map(parseRequirement);
    return labels =>
      requirements.every(r => {
        if (r.op === '=') return r.value === '' ? r.key in labels : labels[r.key] === r.value;
        return r.value === '' ? !(r.key in labels) : labels[r.key] !== r.value;
      });
  }
  if (selector.kubernetesId) {
    const id = selector.kubernetesId;
    return labels => labels[ANNOTATIONS.kubernetesId] === id;
  }
  return undefined;
}

function parseRequirement(part: string): Requirement {
  const match = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (match) {
    return { key: match[1], op: match[2] === '!=' ? '!=' : '=', value: match[3] };
  }
  if (part.startsWith('!')) return { key: part.slice(1), op: '!=', value: '' };
  return { key: part, op: '=', value: '' };
}
