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
import { Finding } from '../domain/types';

/**
 * The path the pods take to their role.
 *
 * @public
 */
export type BindingPath = 'irsa' | 'pod-identity';

/**
 * Checks whose findings, when they fail closed on the path the pods take, mean the pods cannot
 * get the role at all: the role annotation is no ARN (IRSA-B01), the role is missing or its trust
 * denies the service account (IRSA-B02), running pods were not injected (IRSA-B04), the audience
 * or the OIDC provider is not accepted (IRSA-B09, IRSA-T06), the Pod Identity trust or the
 * association's account is wrong (PID-01, PID-04), the association's session policy is one EKS
 * refuses (PID-05, PID-09), or a hop of the role chain is denied (PID-07); at run time, the
 * webhook skipped pods created after the binding (RUN-01), Pod Identity pods use the host network
 * or run on Fargate (RUN-02, RUN-03), or the projected token is for another audience (RUN-05).
 */
const BREAKING_CHECKS: Record<BindingPath, readonly string[]> = {
  irsa: ['IRSA-B01', 'IRSA-B02', 'IRSA-B04', 'IRSA-B09', 'IRSA-T06', 'RUN-01', 'RUN-05'],
  'pod-identity': [
    'PID-01',
    'PID-04',
    'PID-05',
    'PID-07',
    'PID-09',
    'RUN-01',
    'RUN-02',
    'RUN-03',
    'RUN-05',
  ],
};

/**
 * Whether a finding breaks the binding: it fails closed and is one of the checks that stop the
 * pods from getting their role on `path`. The verdict (`broken`) and the next step both decide
 * with this one rule.
 *
 * @public
 */
export function breaksBinding(finding: Finding, path: BindingPath): boolean {
  return (
    finding.failMode === 'closed' && BREAKING_CHECKS[path].includes(finding.id)
  );
}
