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

import yaml from 'yaml';

// Helpers shared by the actions' examples (as the github module's util.ts is shared by its
// actions), so that every example shows the same request and the same step layout.

/**
 * The role request the examples show: reports-api reading and writing the sandbox-reports
 * bucket over IRSA from sandbox-east. It names the sandbox's topology so that the examples tests
 * can run every example as written.
 */
export const exampleRoleRequest = {
  entityRef: 'component:default/reports-api',
  roleName: 'reports-api-s3',
  clusters: ['sandbox-east'],
  namespace: 'reports',
  serviceAccount: 'reports-api',
  access: [
    { resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read-write' },
  ],
};

/** An example as a template writes it: one step running `action` with `input`, as YAML. */
export function exampleStep(step: {
  action: string;
  id: string;
  name: string;
  input: object;
}): string {
  return yaml.stringify({ steps: [step] });
}
