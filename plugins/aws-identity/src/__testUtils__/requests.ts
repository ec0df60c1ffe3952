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

import {
  RequestActor,
  requestActionOptions,
  RoleRequest,
  RoleRequestRisk,
} from '@internal/plugin-aws-identity-common';

/** A submitted role request for `component:default/payments`, by `user:default/dev`. */
export function roleRequest(overrides: Partial<RoleRequest> = {}): RoleRequest {
  return {
    id: 'req-1',
    idempotencyKey: 'task-1/step-1',
    state: 'submitted',
    entityRef: 'component:default/payments',
    requestedBy: 'user:default/dev',
    submittedBy: 'plugin:scaffolder',
    format: 'terraform',
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-01T10:00:00Z',
    plan: {
      input: {
        entityRef: 'component:default/payments',
        roleName: 'payments-reader',
        accountId: '111122223333',
        binding: 'irsa',
        clusters: [
          {
            name: 'dev',
            accountId: '111122223333',
            issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
          },
        ],
        namespace: 'payments',
        serviceAccount: 'payments-api',
        access: [{ resource: 'arn:aws:s3:::reports', accessLevel: 'read' }],
      },
      roleArn: 'arn:aws:iam::111122223333:role/payments-reader',
      grants: [{ preset: 's3-read', resource: 'arn:aws:s3:::reports' }],
      trustPolicy: {
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRoleWithWebIdentity',
              Principal: {
                Federated: 'arn:aws:iam::111122223333:oidc-provider/x',
              },
            },
          ],
        },
        size: 180,
        quota: 2048,
      },
      permissionPolicy: {
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
            },
          ],
        },
        size: 90,
        quota: 10240,
      },
      findings: [
        {
          id: 'IRSA-P03',
          severity: 'medium',
          failMode: 'open',
          title: 'Broad object access',
          subject: { kind: 'policy', ref: 'permissions' },
          message: 'The policy reads every object in the bucket.',
          fix: 'Narrow the resource to a prefix.',
        },
      ],
      risk: 'medium',
    },
    transitions: [
      {
        from: null,
        to: 'submitted',
        actor: 'user:default/dev',
        reason: 'needs report access',
        at: '2026-10-01T10:00:00Z',
      },
    ],
    ...overrides,
  };
}

/**
 * The request as the backend answers `actor`: with the actions they may take, decided by the
 * same rule the backend applies (`requestActionOptions` of -common).
 */
export function asSeenBy(
  request: RoleRequest,
  actor: RequestActor,
): RoleRequest {
  return { ...request, actions: requestActionOptions(request, actor) };
}

/** The plan of {@link roleRequest}, for another role name or risk. */
export function planFor(options: {
  roleName?: string;
  risk?: RoleRequestRisk;
}): RoleRequest['plan'] {
  const { plan } = roleRequest();
  return {
    ...plan,
    input: { ...plan.input, roleName: options.roleName ?? plan.input.roleName },
    risk: options.risk ?? plan.risk,
  };
}
