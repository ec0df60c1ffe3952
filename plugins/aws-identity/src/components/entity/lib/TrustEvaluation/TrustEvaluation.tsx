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

import { Alert, Badge, Flex, Text } from '@backstage/ui';
import {
  IdentityReport,
  RoleAssessment,
  StatementTrace,
} from '@internal/plugin-aws-identity-common';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import { PlainList } from '../../../shared/PlainList/PlainList';
import { severityColor } from '../../../shared/presentation/verdict';

const statementStyle = (deciding: boolean) => ({
  padding: 'var(--bui-space-2) var(--bui-space-3)',
  borderRadius: 'var(--bui-radius-2)',
  border: deciding
    ? '2px solid var(--bui-border-2)'
    : '1px solid var(--bui-border-1)',
  background: deciding ? 'var(--bui-bg-neutral-2)' : 'transparent',
});

function Statement(props: { statement: StatementTrace; deciding: boolean }) {
  const { statement, deciding } = props;
  return (
    <li
      style={statementStyle(deciding)}
      data-testid={deciding ? 'aws-identity-deciding-statement' : undefined}
      aria-current={deciding ? 'true' : undefined}
    >
      <Flex direction="column" gap="1">
        <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
          <Text variant="body-small" weight="bold">
            Statement {statement.index}
            {statement.sid ? ` (${statement.sid})` : ''}: {statement.effect}
          </Text>
          {deciding && <Badge size="small">Deciding statement</Badge>}
          {!deciding && (
            <Text variant="body-small" color="secondary">
              {statement.applies ? 'applies' : 'does not apply'}
            </Text>
          )}
        </Flex>
        {statement.conditions.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
            {statement.conditions.map((c, i) => (
              <li key={`${c.key}-${i}`}>
                <Text variant="body-small">
                  <StatusDot status={c.result ? 'success' : 'danger'} />
                  {c.result ? 'matches' : 'does not match'}:
                </Text>{' '}
                <Text variant="body-small">
                  <code>
                    {c.operator} {c.key} = {JSON.stringify(c.values)}
                  </code>
                </Text>
              </li>
            ))}
          </ul>
        )}
        {statement.conditions.length === 0 && (
          <Text variant="body-small" color="secondary">
            {statement.reason}
          </Text>
        )}
      </Flex>
    </li>
  );
}

function RoleTrust(props: { role: RoleAssessment; report: IdentityReport }) {
  const { role, report } = props;
  const { namespace, name } = report.serviceAccount;
  if (role.exists === false) {
    return (
      <Alert
        status="danger"
        title={`Role ${role.arn} does not exist, so nothing can assume it.`}
      />
    );
  }
  if (role.trustError) {
    return (
      <Alert
        status="danger"
        title="The trust policy could not be read"
        description={role.trustError}
      />
    );
  }
  if (!role.trust) {
    return (
      <Text variant="body-small" color="secondary">
        The trust policy of {role.arn} is not known (its account could not be
        read).
      </Text>
    );
  }
  const trust = role.trust;
  const decidingIndexes = new Set(trust.deciding.map(s => s.index));
  const statements = trust.evaluations[0]?.statements ?? trust.deciding;
  // The engine decided who else the trust admits (its fail-open trust findings of this role).
  const others = role.alsoAdmits ?? [];
  return (
    <Flex
      direction="column"
      gap="2"
      data-testid="aws-identity-trust"
      data-allowed={trust.allowed}
    >
      <Text variant="body-medium" weight="bold">
        <StatusDot status={trust.allowed ? 'success' : 'danger'} />
        {trust.allowed
          ? `Allowed: ${namespace}/${name} can assume this role.`
          : `Not allowed: ${namespace}/${name} cannot assume this role.`}
      </Text>
      <Text variant="body-small" color="secondary">
        Role {role.arn} ({role.via === 'irsa' ? 'IRSA' : 'Pod Identity'})
      </Text>
      {trust.evaluations.map(e => (
        <Text variant="body-small" key={e.action}>
          <strong>{e.action}</strong>: {e.explanation}
        </Text>
      ))}
      <PlainList as="ol" aria-label={`Trust policy statements of ${role.arn}`}>
        {statements.map(s => (
          <Statement
            key={s.index}
            statement={s}
            deciding={decidingIndexes.has(s.index)}
          />
        ))}
      </PlainList>
      <Flex direction="column" gap="1">
        <Text variant="body-small" weight="bold">
          Who else this trust admits
        </Text>
        {others.length === 0 ? (
          <Text variant="body-small">
            {whoElseText(role.via, trust.allowed)}
          </Text>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
            {others.map(w => (
              <li key={`${w.findingId}-${w.message}`}>
                <Text variant="body-small">
                  <StatusDot status={severityColor(w.severity)} />
                  {w.findingId}: {w.message}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Flex>
    </Flex>
  );
}

/**
 * What an empty "who else" list means. For EKS Pod Identity the trust names no service
 * account at all (EKS User Guide: the role trusts pods.eks.amazonaws.com, and associations say
 * which service account gets it), so "nobody else" would be untrue: every service account an
 * association names can get the role, and the tab's "Could also assume" shows the roles that
 * would take this one.
 */
function whoElseText(via: 'irsa' | 'pod-identity', allowed: boolean): string {
  if (!allowed) return 'Nobody: the trust does not admit this service account.';
  if (via === 'pod-identity')
    return 'The checks found no finding that widens it. An EKS Pod Identity trust names no service account: any service account an EKS Pod Identity association of a trusted cluster names gets this role, so who else uses it is decided by the associations (and who may create them), not by this policy.';
  return 'The checks found no other service account, namespace or audience this trust admits.';
}

/**
 * Whether each bound role's trust policy admits this service account, which
 * statement decided, and who else it admits.
 *
 * @public
 */
export function TrustEvaluation(props: { report: IdentityReport }) {
  const { report } = props;
  return (
    <Subsection title="Trust evaluation" testId="aws-identity-trust-evaluation">
      {report.roles.length === 0 ? (
        <Text variant="body-small" color="secondary">
          No role to evaluate.
        </Text>
      ) : (
        // Mid-migration the same role is evaluated once per path (IRSA and Pod Identity).
        report.roles.map(role => (
          <RoleTrust
            key={`${role.arn}-${role.via}`}
            role={role}
            report={report}
          />
        ))
      )}
    </Subsection>
  );
}
