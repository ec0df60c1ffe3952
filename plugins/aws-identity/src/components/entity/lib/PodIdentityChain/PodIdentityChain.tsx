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
import {
  IdentityReport,
  PodIdentityChain as Chain,
  PodIdentityHop,
} from '@internal/plugin-aws-identity-common';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';

const HOP_STATE: Record<string, { label: string; status: 'success' | 'danger' | 'warning' }> = {
  true: { label: 'allowed', status: 'success' },
  false: { label: 'denied', status: 'danger' },
  undefined: { label: 'undecided', status: 'warning' },
};

function Hop(props: { hop: PodIdentityHop; index: number; failing: boolean }) {
  const { hop, index, failing } = props;
  const state = HOP_STATE[String(hop.allowed)];
  const who = hop.step === 'target-role' ? 'Target role' : 'Association role';
  const by = hop.step === 'target-role' ? 'assumed by the association role' : 'assumed by pods.eks.amazonaws.com';
  return (
    <li aria-current={failing ? 'step' : undefined} data-testid="aws-identity-chain-hop">
      <Flex direction="column" gap="1">
        <Text variant="body-small" weight="bold">
          <StatusDot status={state.status} />
          Hop {index + 1}: {who} {hop.roleArn} ({by}) — {state.label}
          {failing ? ' (this hop fails)' : ''}
        </Text>
        {hop.reason && (
          <Text variant="body-small" color="secondary">
            {hop.reason}
          </Text>
        )}
      </Flex>
    </li>
  );
}

function ChainView(props: { chain: Chain }) {
  const { chain } = props;
  return (
    <Flex direction="column" gap="1">
      {!chain.sessionTags && (
        <Text variant="body-small" color="secondary">
          Session tags are disabled on this association: policies that read kubernetes-* or eks-cluster-* tags grant
          nothing.
        </Text>
      )}
      <ol style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {chain.hops.map((hop, i) => (
          <Hop key={`${hop.step}-${hop.roleArn}`} hop={hop} index={i} failing={chain.failingHop === i} />
        ))}
      </ol>
    </Flex>
  );
}

/**
 * The EKS Pod Identity role chain of each association with a target role, as the engine
 * evaluated it: both hops and which one fails. Single-hop associations are shown by the trust
 * evaluation already.
 *
 * @public
 */
export function PodIdentityChain(props: { report: IdentityReport }) {
  const chains = props.report.roles.flatMap(role => role.podIdentityChains ?? []).filter(c => c.hops.length > 1);
  if (chains.length === 0) return null;
  return (
    <Subsection title="Pod Identity role chain" testId="aws-identity-pod-identity-chain">
      {chains.map(chain => (
        <ChainView key={chain.hops.map(h => h.roleArn).join('>')} chain={chain} />
      ))}
    </Subsection>
  );
}
