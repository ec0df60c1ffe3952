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
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleRoleRequest, exampleStep } from './exampleSteps';

const plan = (input: object) =>
  exampleStep({ action: 'aws-identity:role:plan', id: 'plan', name: 'Plan the AWS role', input });

/** Examples of `aws-identity:role:plan`. */
export const examples: TemplateExample[] = [
  {
    description: 'Plan an IRSA role that reads and writes one S3 bucket',
    example: plan(exampleRoleRequest),
  },
  {
    description: 'Plan a Pod Identity role for a catalog Resource, read only',
    example: plan({
      entityRef: 'component:default/ledger-reader',
      roleName: 'ledger-reader',
      binding: 'pod-identity',
      clusters: ['sandbox-west'],
      namespace: 'ledger',
      serviceAccount: 'ledger-reader',
      access: [{ resource: 'resource:default/sandbox-ledger', preset: 's3-read' }],
    }),
  },
];
