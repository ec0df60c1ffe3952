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
  AwsIdentityClusterPickerFieldExtension,
  awsIdentityLegacyPlugin,
  EntityAwsIdentityCard,
  EntityAwsIdentityContent,
} from './plugin';

describe('awsIdentityLegacyPlugin', () => {
  it('registers the API client', () => {
    const apis = [...awsIdentityLegacyPlugin.getApis()];
    expect(apis.map(a => a.api.id)).toEqual(['plugin.aws-identity.client']);
  });

  it('exports the tab and the card', () => {
    expect(EntityAwsIdentityContent).toBeDefined();
    expect(EntityAwsIdentityCard).toBeDefined();
  });

  it('exports the cluster picker as a scaffolder field extension', () => {
    expect(AwsIdentityClusterPickerFieldExtension).toBeDefined();
  });
});
