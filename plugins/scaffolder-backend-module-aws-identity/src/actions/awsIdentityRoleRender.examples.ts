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
import yaml from 'yaml';

const request = {
  entityRef: 'component:default/reports-api',
  roleName: 'reports-api-s3',
  clusters: ['sandbox-east'],
  namespace: 'reports',
  serviceAccount: 'reports-api',
  access: [{ resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read' }],
};

/** Examples of `aws-identity:role:render`. */
export const examples: TemplateExample[] = [
  {
    description: 'Render the role as a terraform-aws-modules IRSA module call',
    example: yaml.stringify({
      steps: [{ action: 'aws-identity:role:render', id: 'render', name: 'Render the role', input: { ...request, format: 'terraform' } }],
    }),
  },
  {
    description: 'Render the role as an ACK Role into a custom directory',
    example: yaml.stringify({
      steps: [
        {
          action: 'aws-identity:role:render',
          id: 'render',
          name: 'Render the role',
          input: { ...request, format: 'ack', targetPath: 'deploy/iam' },
        },
      ],
    }),
  },
  {
    description: 'Render the role as Crossplane managed resources',
    example: yaml.stringify({
      steps: [{ action: 'aws-identity:role:render', id: 'render', name: 'Render the role', input: { ...request, format: 'crossplane' } }],
    }),
  },
  {
    description: 'Render the role as an eksctl ClusterConfig',
    example: yaml.stringify({
      steps: [{ action: 'aws-identity:role:render', id: 'render', name: 'Render the role', input: { ...request, format: 'eksctl' } }],
    }),
  },
];
