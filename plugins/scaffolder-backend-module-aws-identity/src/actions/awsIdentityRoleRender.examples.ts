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

const request = {
  ...exampleRoleRequest,
  access: [{ resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read' }],
};
const render = (input: object) =>
  exampleStep({ action: 'aws-identity:role:render', id: 'render', name: 'Render the role', input });

/** Examples of `aws-identity:role:render`. */
export const examples: TemplateExample[] = [
  {
    description: 'Render the role as a terraform-aws-modules IRSA module call',
    example: render({ ...request, format: 'terraform' }),
  },
  {
    description: 'Render the role as an ACK Role into a custom directory',
    example: render({ ...request, format: 'ack', targetPath: 'deploy/iam' }),
  },
  {
    description: 'Render the role as Crossplane managed resources',
    example: render({ ...request, format: 'crossplane' }),
  },
  {
    description: 'Render the role as an eksctl ClusterConfig',
    example: render({ ...request, format: 'eksctl' }),
  },
];
