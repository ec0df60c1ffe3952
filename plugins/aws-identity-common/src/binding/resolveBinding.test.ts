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

import { PodIdentityAssociation, ServiceAccount } from '../domain/types';
import { resolveBinding } from './resolveBinding';

const sa = (annotations: Record<string, string> = {}): ServiceAccount => ({
  cluster: 'east',
  namespace: 'payments',
  name: 'api',
  annotations,
});
const association = (
  overrides: Partial<PodIdentityAssociation> = {},
): PodIdentityAssociation => ({
  cluster: 'east',
  namespace: 'payments',
  serviceAccount: 'api',
  roleArn: 'arn:aws:iam::111111111111:role/pid',
  ...overrides,
});
const IRSA = 'arn:aws:iam::111111111111:role/irsa';

describe('resolveBinding', () => {
  it('is none without an annotation or an association', () => {
    expect(resolveBinding(sa(), [])).toEqual({
      kind: 'none',
      irsaRoleArn: undefined,
      irsaRoleArnValid: false,
      associations: [],
      podIdentityRoleArns: [],
      effective: 'none',
      roleArns: [],
    });
  });

  it('is irsa with the eks.amazonaws.com/role-arn annotation, trimmed', () => {
    const binding = resolveBinding(sa({ 'eks.amazonaws.com/role-arn': ` ${IRSA} ` }), []);
    expect(binding).toMatchObject({ kind: 'irsa', irsaRoleArn: IRSA, irsaRoleArnValid: true, effective: 'irsa', roleArns: [IRSA] });
  });

  it('treats an empty annotation as no annotation', () => {
    expect(resolveBinding(sa({ 'eks.amazonaws.com/role-arn': '  ' }), []).kind).toBe('none');
  });

  it('keeps a malformed annotation but marks it invalid (the webhook rejects it)', () => {
    const binding = resolveBinding(sa({ 'eks.amazonaws.com/role-arn': 'reports-role' }), []);
    expect(binding).toMatchObject({ kind: 'irsa', irsaRoleArn: 'reports-role', irsaRoleArnValid: false });
  });

  it("ignores associations of other clusters, namespaces and service accounts", () => {
    const binding = resolveBinding(sa(), [
      association({ cluster: 'west' }),
      association({ namespace: 'other' }),
      association({ serviceAccount: 'worker' }),
    ]);
    expect(binding.kind).toBe('none');
    expect(binding.associations).toEqual([]);
  });

  it('is pod-identity with an association, and lists the target role for lookups', () => {
    const binding = resolveBinding(sa(), [
      association({ targetRoleArn: 'arn:aws:iam::222222222222:role/target' }),
    ]);
    expect(binding).toMatchObject({
      kind: 'pod-identity',
      effective: 'pod-identity',
      podIdentityRoleArns: ['arn:aws:iam::111111111111:role/pid'],
      roleArns: ['arn:aws:iam::111111111111:role/pid', 'arn:aws:iam::222222222222:role/target'],
    });
  });

  it('Pod Identity wins over IRSA when a service account has both (the webhook injects container credentials)', () => {
    const binding = resolveBinding(sa({ 'eks.amazonaws.com/role-arn': IRSA }), [association()]);
    expect(binding.kind).toBe('both');
    expect(binding.effective).toBe('pod-identity');
    expect(binding.roleArns).toEqual([IRSA, 'arn:aws:iam::111111111111:role/pid']);
  });

  it('lists a role once when two associations name it', () => {
    const binding = resolveBinding(sa(), [association({ associationId: 'a-1' }), association({ associationId: 'a-2' })]);
    expect(binding.podIdentityRoleArns).toEqual(['arn:aws:iam::111111111111:role/pid']);
    expect(binding.associations).toHaveLength(2);
  });
});
