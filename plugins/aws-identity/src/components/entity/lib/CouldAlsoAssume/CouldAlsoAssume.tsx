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

import { Flex, Text } from '@backstage/ui';
import { AssumableRole, IdentityReport } from '@internal/plugin-aws-identity-common';
import { CopyButton } from '../../../shared/CopyButton/CopyButton';
import { Subsection } from '../../../shared/Subsection/Subsection';

/** How the service account would get the role, as the engine reported it. */
function howText(role: AssumableRole): string {
  if (role.bound) return 'bound: this service account uses it';
  if (role.via === 'pod-identity')
    return 'not bound: its trust accepts EKS Pod Identity for this service account, so an association is all it would take';
  return role.named
    ? 'not bound: its trust names this service account'
    : 'not bound: a pattern in its trust admits this service account';
}

/**
 * Every role whose trust admits the service account, bound or not, as the report lists them
 * (`couldAlsoAssume`): shows a namespace-wide trust written for someone else. Renders nothing
 * when the report carries no such list.
 *
 * @public
 */
export function CouldAlsoAssume(props: { report: IdentityReport }) {
  const roles = props.report.couldAlsoAssume;
  if (!roles) return null;
  const others = roles.filter(r => !r.bound);
  return (
    <Subsection title="Could also assume" testId="aws-identity-could-also-assume">
      <Text variant="body-small" color="secondary">
        Roles in the accounts read whose trust policy admits this service account.
      </Text>
      {others.length === 0 && (
        <Text variant="body-small">
          No role besides the bound one{roles.length === 1 ? '' : 's'} admits this service account.
        </Text>
      )}
      <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {roles.map(role => (
          <li key={`${role.via}|${role.roleArn}`} data-bound={role.bound}>
            <Flex direction="column" gap="1">
              <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
                <code style={{ overflowWrap: 'anywhere' }}>{role.roleArn}</code>
                <CopyButton text={role.roleArn} what={`role ARN ${role.roleArn}`} />
              </Flex>
              <Text variant="body-small" color={role.bound ? 'secondary' : 'primary'}>
                via {role.via === 'irsa' ? 'IRSA' : 'Pod Identity'}; {howText(role)}
              </Text>
            </Flex>
          </li>
        ))}
      </ul>
    </Subsection>
  );
}
