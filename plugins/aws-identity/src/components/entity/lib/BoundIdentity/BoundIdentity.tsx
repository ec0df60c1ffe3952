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

import { Flex, Link, Text } from '@backstage/ui';
import { IdentityReport } from '@internal/plugin-aws-identity-common';
import {
  accountOfArn,
  roleConsoleUrl,
} from '../../../shared/presentation/format';
import { CopyButton } from '../../../shared/CopyButton/CopyButton';
import { Facts } from '../../../shared/Facts/Facts';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';

const BINDING_TEXT: Record<IdentityReport['binding']['kind'], string> = {
  irsa: 'IRSA: eks.amazonaws.com/role-arn annotation on the service account',
  'pod-identity': 'EKS Pod Identity association',
  both: 'Both an IRSA annotation and an EKS Pod Identity association',
  none: 'None: no IRSA annotation and no Pod Identity association',
};

const VIA_TEXT: Record<string, string> = {
  irsa: 'IRSA',
  'pod-identity': 'Pod Identity',
  both: 'IRSA and Pod Identity',
};

const SOURCE_TEXT: Record<
  IdentityReport['effectiveIdentity']['source'],
  string
> = {
  'static-keys': 'Static access keys from the pod environment',
  irsa: 'IRSA web identity token',
  'pod-identity': 'EKS Pod Identity',
  'node-role': "The node's instance role (via IMDS)",
  mixed: 'Mixed: pods of this service account differ',
};

/**
 * A role ARN with copy button, AWS console link and whether it exists.
 *
 * @public
 */
export function RoleArn(props: {
  arn: string;
  exists?: boolean;
  /** How the service account reaches the role: `irsa`, `pod-identity` or `both`. */
  via?: string;
  /** When IAM last saw the role used; shown when the role exists. */
  lastUsed?: { at?: string; region?: string };
  /** When the role was created; a role younger than IAM's tracking window is described as such. */
  createdAt?: string;
}) {
  const { arn, exists, via, lastUsed, createdAt } = props;
  const account = accountOfArn(arn);
  return (
    <Flex direction="column" gap="1">
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <code style={{ overflowWrap: 'anywhere' }}>{arn}</code>
        <CopyButton text={arn} what={`role ARN ${arn}`} />
      </Flex>
      <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
        <Link
          href={roleConsoleUrl(arn)}
          target="_blank"
          rel="noopener noreferrer"
          variant="body-small"
        >
          Open in the AWS console{account ? ` (account ${account})` : ''}
        </Link>
        {via && (
          <Text variant="body-small" color="secondary">
            via {VIA_TEXT[via] ?? 'Pod Identity'}
          </Text>
        )}
        {exists === false && (
          <Text variant="body-small" weight="bold">
            <StatusDot status="danger" />
            This role does not exist in account {account}.
          </Text>
        )}
        {exists === undefined && (
          <Text variant="body-small" color="secondary">
            Existence unknown: the account could not be read completely.
          </Text>
        )}
        {exists === true && (
          <Text variant="body-small" color="secondary">
            {lastUsedText(lastUsed, createdAt)}
          </Text>
        )}
      </Flex>
    </Flex>
  );
}

/**
 * How the service account is bound to AWS and what the SDK in its pods will use.
 *
 * @public
 */
export function BoundIdentity(props: { report: IdentityReport }) {
  const { binding, effectiveIdentity, roles } = props.report;
  // Mid-migration the annotation and the association name the same role: list it once.
  const arns = [
    ...new Set([
      ...(binding.irsaRoleArn ? [binding.irsaRoleArn] : []),
      ...binding.podIdentityRoleArns,
    ]),
  ];
  /** Which path reaches the role; shown only when the service account has both. */
  const viaOf = (arn: string, via: string | undefined) => {
    if (binding.kind !== 'both') return undefined;
    const viaBoth =
      arn === binding.irsaRoleArn && binding.podIdentityRoleArns.includes(arn);
    return viaBoth ? 'both' : via;
  };
  return (
    <Subsection title="Bound identity" testId="aws-identity-bound-identity">
      <Facts
        items={[
          ['Binding', BINDING_TEXT[binding.kind] ?? binding.kind],
          [
            arns.length > 1 ? 'Roles' : 'Role',
            arns.length === 0 ? (
              'No role'
            ) : (
              <Flex direction="column" gap="2">
                {arns.map(arn => {
                  const role = roles.find(r => r.arn === arn);
                  return (
                    <RoleArn
                      key={arn}
                      arn={arn}
                      exists={role ? role.exists : undefined}
                      lastUsed={role?.lastUsed}
                      createdAt={role?.createdAt}
                      via={viaOf(arn, role?.via)}
                    />
                  );
                })}
              </Flex>
            ),
          ],
          [
            'Effective identity',
            <Flex direction="column" gap="1" key="effective">
              <Text variant="body-small" weight="bold">
                {SOURCE_TEXT[effectiveIdentity.source] ??
                  effectiveIdentity.source}
                {effectiveIdentity.roleArn
                  ? `: ${effectiveIdentity.roleArn}`
                  : ''}
              </Text>
              <Text variant="body-small">{effectiveIdentity.explanation}</Text>
              <Text variant="body-small" color="secondary">
                {effectiveIdentity.basis === 'observed-pods'
                  ? 'Observed in the running pods.'
                  : 'From configuration; no running pods observed.'}
              </Text>
            </Flex>,
          ],
        ]}
      />
    </Subsection>
  );
}

/** IAM tracks last use over a trailing 400 days; a younger role has simply not been used since it was created. */
const TRACKED_DAYS = 400;

function lastUsedText(
  lastUsed?: { at?: string; region?: string },
  createdAt?: string,
): string {
  if (lastUsed?.at) {
    return `Last used ${lastUsed.at.slice(0, 10)}${
      lastUsed.region ? ` in ${lastUsed.region}` : ''
    }`;
  }
  const created = createdAt ? Date.parse(createdAt) : NaN;
  if (
    !Number.isNaN(created) &&
    Date.now() - created < TRACKED_DAYS * 86_400_000
  ) {
    return `Not used since it was created on ${createdAt!.slice(
      0,
      10,
    )} (as IAM tracks it)`;
  }
  return `Not used in the last ${TRACKED_DAYS} days (as IAM tracks it)`;
}
