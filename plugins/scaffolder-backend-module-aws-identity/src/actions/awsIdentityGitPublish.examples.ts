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
import { exampleStep } from './exampleSteps';

/** Examples of `aws-identity:git:publish`. */
export const examples: TemplateExample[] = [
  {
    description: 'Publish the workspace to a local bare repository',
    example: exampleStep({
      action: 'aws-identity:git:publish',
      id: 'publish',
      name: 'Publish',
      input: { repoName: 'reports-api', commitMessage: 'New service reports-api' },
    }),
  },
];
