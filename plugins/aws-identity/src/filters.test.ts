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

import { expectedIdentityOf, isAwsIdentityAvailable } from './filters';

const component = (annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', annotations },
});

describe('isAwsIdentityAvailable', () => {
  it.each([
    [{ 'backstage.io/kubernetes-id': 'svc' }, true],
    [{ 'backstage.io/kubernetes-label-selector': 'app=svc' }, true],
    [{ 'aws-identity.io/service-account': 'payments/api' }, true],
    [
      { 'aws-identity.io/role-arn': 'arn:aws:iam::111111111111:role/api' },
      true,
    ],
    [{ 'aws-identity.io/aws-access': 'none' }, true],
    [{ 'backstage.io/kubernetes-id': '' }, false],
    [{ 'aws-identity.io/service-account': ' ' }, false],
    [{}, false],
  ])('annotations %j → %s', (annotations, expected) => {
    expect(isAwsIdentityAvailable(component(annotations))).toBe(expected);
  });
});

describe('expectedIdentityOf', () => {
  it('splits namespace and name', () => {
    expect(
      expectedIdentityOf(
        component({
          'aws-identity.io/service-account': 'payments/api',
          'aws-identity.io/role-arn': 'arn:aws:iam::111111111111:role/api',
        }),
      ),
    ).toEqual({
      namespace: 'payments',
      serviceAccount: 'api',
      roleArn: 'arn:aws:iam::111111111111:role/api',
      cluster: undefined,
      noAwsAccess: false,
    });
  });

  it('is undefined without annotations', () => {
    expect(expectedIdentityOf(component({}))).toBeUndefined();
  });
});
