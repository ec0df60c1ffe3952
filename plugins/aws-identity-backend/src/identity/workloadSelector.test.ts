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


import { compileSelector, workloadSelectorOf } from './workloadSelector';

describe('workload selectors (the Kubernetes plugin annotations)', () => {
  const entity = (annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
  });

  it('reads the three annotations', () => {
    expect(
      workloadSelectorOf(
        entity({
          'backstage.io/kubernetes-id': 'svc',
          'backstage.io/kubernetes-label-selector': 'app=svc',
          'backstage.io/kubernetes-namespace': 'team',
        }),
      ),
    ).toEqual({ kubernetesId: 'svc', labelSelector: 'app=svc', namespace: 'team' });
    expect(workloadSelectorOf(entity({}))).toEqual({});
  });

  it('matches kubernetes-id against the label of the same name', () => {
    const matches = compileSelector({ kubernetesId: 'svc' })!;
    expect(matches({ 'backstage.io/kubernetes-id': 'svc' })).toBe(true);
    expect(matches({ 'backstage.io/kubernetes-id': 'other' })).toBe(false);
  });

  it.each([
    ['app=svc', { app: 'svc' }, true],
    ['app==svc', { app: 'svc' }, true],
    ['app=svc,tier!=db', { app: 'svc', tier: 'web' }, true],
    ['app=svc,tier!=db', { app: 'svc', tier: 'db' }, false],
    ['app', { app: 'x' }, true],
    ['!canary', { canary: 'true' }, false],
    ['!canary', { app: 'svc' }, true],
  ])('label selector %s on %j → %s', (selector, labels, expected) => {
    expect(compileSelector({ labelSelector: selector })!(labels as Record<string, string>)).toBe(expected);
  });

  it('prefers the label selector over the kubernetes-id, as the Kubernetes plugin does', () => {
    const matches = compileSelector({ kubernetesId: 'svc', labelSelector: 'app=other' })!;
    expect(matches({ 'backstage.io/kubernetes-id': 'svc' })).toBe(false);
    expect(matches({ app: 'other' })).toBe(true);
  });

  it('has nothing to match without annotations', () => {
    expect(compileSelector({})).toBeUndefined();
  });
});
