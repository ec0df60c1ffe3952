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

import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Alert, Flex, Link, Text } from '@backstage/ui';
import {
  REQUEST_QUEUE_SIGNAL_CHANNEL,
  RequestQueueSignal,
  IdentityRequest,
  MigrationRequest,
  requestFindings,
  requestRisk,
  RoleRequest,
} from '@internal/plugin-aws-identity-common';
import { ReactNode, useCallback } from 'react';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { REQUESTS_POLL_INTERVAL_MS } from '../../usePolled';
import { useLiveLoad } from '../../../shared/live/useLiveLoad';
import {
  requestStateColor,
  riskColor,
} from '../../../shared/presentation/requests';
import { backendMessage } from '../../../shared/presentation/errors';
import { roleConsoleUrl, timeAgo } from '../../../shared/presentation/format';
import { CodeSnippet } from '../../../shared/CodeSnippet/CodeSnippet';
import { DeliveryLink } from '../../../shared/DeliveryLink/DeliveryLink';
import { Facts } from '../../../shared/Facts/Facts';
import { DriftRepairs } from '../DriftRepairs/DriftRepairs';
import { LiveRoleSection } from '../LiveRoleSection/LiveRoleSection';
import { MigrationProgress } from '../MigrationProgress/MigrationProgress';
import { PlanFindings } from '../PlanFindings/PlanFindings';
import { RequestActions } from '../RequestActions/RequestActions';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { RequestLink } from '../../../shared/requestDetailLink/RequestLink';
import { TransitionsTimeline } from '../TransitionsTimeline/TransitionsTimeline';
import { TrustedClusters } from '../TrustedClusters/TrustedClusters';

type FactRow = [string, ReactNode];

/**
 * The facts of a request in one order and the same words for both kinds: who and what first,
 * then the kind's own rows, then how it is delivered.
 */
function requestFactRows(r: IdentityRequest, own: FactRow[]): FactRow[] {
  const risk = requestRisk(r);
  return [
    [
      'State',
      <Text variant="body-small">
        <StatusDot status={requestStateColor(r.state)} />
        {r.state}
      </Text>,
    ],
    [
      'Risk',
      <Text variant="body-small">
        <StatusDot status={riskColor(risk)} />
        {risk}
      </Text>,
    ],
    ['Requested by', r.requestedBy],
    // What the requester declared; the catalog's owner of the component may differ and wins.
    ...(r.kind !== 'migration' && r.owner
      ? [['Owner (declared)', r.owner] as FactRow]
      : []),
    ['Submitted by', `${r.submittedBy}, ${timeAgo(r.createdAt)}`],
    ['Component', <EntityRefLink entityRef={r.entityRef} />],
    ...own,
    // A migration without a chosen format is rendered as Terraform (the backend's default).
    ['Format', r.format ?? (r.kind === 'migration' ? 'terraform' : '—')],
    [
      'Delivery',
      r.delivery ? <DeliveryLink delivery={r.delivery} /> : 'not delivered yet',
    ],
  ];
}

/** Which drifted request a repair is for, linked to its page. */
function RepairOf(props: { succeeds: NonNullable<RoleRequest['succeeds']> }) {
  const { requestId, repair } = props.succeeds;
  const what = repair === 'restore' ? 'Restores the approved plan of' : 'Accepts the live state of';
  return (
    <Text variant="body-small" data-testid="aws-identity-request-succeeds">
      {what} <RequestLink id={requestId}>request {requestId}</RequestLink>, which drifted after it was verified
    </Text>
  );
}

function RequestFacts(props: { request: RoleRequest }) {
  const { request: r } = props;
  const input = r.plan.input;
  return (
    <Facts
      items={requestFactRows(r, [
        [
          'Role',
          <Link
            href={roleConsoleUrl(r.plan.roleArn)}
            target="_blank"
            rel="noopener noreferrer"
            variant="body-small"
          >
            {r.plan.roleArn}
          </Link>,
        ],
        ['Binding', input.binding === 'irsa' ? 'IRSA' : 'EKS Pod Identity'],
        ['Clusters', <TrustedClusters plan={r.plan} />],
        ['Service account', `${input.namespace}/${input.serviceAccount}`],
        [
          'Access',
          r.plan.grants.map(g => `${g.preset} on ${g.resource}`).join('; ') ||
            (r.succeeds?.repair === 'accept' ? "the live role's statements (see the permission policy)" : '—'),
        ],
        ...(r.succeeds ? [['Repairs', <RepairOf succeeds={r.succeeds} />] as FactRow] : []),
      ])}
    />
  );
}

function MigrationFacts(props: { request: MigrationRequest }) {
  const { request: r } = props;
  return (
    <Facts
      items={requestFactRows(r, [
        [
          'Service accounts',
          r.migration.targets
            .map(
              t =>
                `${t.serviceAccount.cluster}/${t.serviceAccount.namespace}/${t.serviceAccount.name} (${t.plan.roleArn})`,
            )
            .join('; '),
        ],
      ])}
    />
  );
}

function Verification(props: { request: IdentityRequest }) {
  const { verification } = props.request;
  const migration = props.request.kind === 'migration';
  return (
    <Subsection
      level="h3"
      title="Verification"
      testId="aws-identity-verification"
    >
      {!verification && (
        <Text variant="body-small" color="secondary">
          {migration
            ? 'Not verified yet: once the change is merged, the tracker follows each step until the pods use EKS Pod Identity.'
            : 'Not verified yet: once the change is merged, the tracker checks that the live role matches the plan and trusts the service account.'}
        </Text>
      )}
      {verification && verification.drift.length === 0 && (
        <Text variant="body-small">
          {migration
            ? 'Every step the request tracks was done when last checked'
            : 'The live role matched the plan and its trust admitted the service account when last checked'}{' '}
          ({timeAgo(verification.checkedAt)}).
        </Text>
      )}
      {verification && verification.drift.length > 0 && (
        <>
          <Text variant="body-small">
            Drift found {timeAgo(verification.checkedAt)}:
          </Text>
          <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
            {verification.drift.map(d => (
              <li key={d}>
                <Text variant="body-small">{d}</Text>
              </li>
            ))}
          </ul>
          {verification.fix && (
            <Text variant="body-small" data-testid="aws-identity-drift-fix">
              {verification.fix}
            </Text>
          )}
        </>
      )}
    </Subsection>
  );
}

function Policies(props: { request: RoleRequest }) {
  const { trustPolicy, permissionPolicy } = props.request.plan;
  return (
    <Subsection
      level="h3"
      title="Planned policies"
      testId="aws-identity-planned-policies"
    >
      <CodeSnippet
        label={`Trust policy (${trustPolicy.size} of ${trustPolicy.quota} characters)`}
        code={JSON.stringify(trustPolicy.document, null, 2)}
      />
      <CodeSnippet
        label={`Permission policy (${permissionPolicy.size} of ${permissionPolicy.quota} characters)`}
        code={JSON.stringify(permissionPolicy.document, null, 2)}
      />
    </Subsection>
  );
}

/**
 * One role request: facts, planned policies and how they compare with the
 * live role, findings, live-role drift, history and the approve / reject /
 * withdraw actions. Reloaded when the backend signals that it moved (every
 * few seconds in an app without signals) and after each action.
 *
 * @public
 */
export function RequestDetail(props: { id: string }) {
  const { id } = props;
  const api = useApi(awsIdentityApiRef);
  const load = useCallback(() => api.getRequest(id), [api, id]);
  // The queue's channel names every request that moved; this page reloads for its own.
  const {
    value: request,
    error,
    loading,
    refresh,
  } = useLiveLoad(`request:${id}`, load, {
    channel: REQUEST_QUEUE_SIGNAL_CHANNEL,
    fallbackIntervalMs: REQUESTS_POLL_INTERVAL_MS,
    relevant: (signal: RequestQueueSignal) => signal.requestId === id,
  });

  return (
    <Flex direction="column" gap="4" data-testid="aws-identity-request-detail">
      {/* Relative to the detail route, resolved by the link at its own route scope. */}
      <Link href=".." variant="body-small">
        ← All role requests
      </Link>
      {error && (
        <Alert
          status="danger"
          icon
          title="The role request could not be loaded"
          description={backendMessage(error)}
        />
      )}
      {loading && !request && (
        <Text variant="body-small" color="secondary">
          Loading the role request…
        </Text>
      )}
      {request?.kind === 'migration' && (
        <>
          <Text as="h2" variant="title-small">
            Migrate {request.entityRef} to EKS Pod Identity
          </Text>
          <MigrationFacts request={request} />
          <RequestActions request={request} onChanged={refresh} />
          <MigrationProgress request={request} onChanged={refresh} />
          <PlanFindings findings={requestFindings(request)} />
          <Verification request={request} />
          <TransitionsTimeline transitions={request.transitions} />
        </>
      )}
      {request && request.kind !== 'migration' && (
        <>
          <Text as="h2" variant="title-small">
            {request.plan.input.roleName}
          </Text>
          <RequestFacts request={request} />
          <RequestActions request={request} onChanged={refresh} />
          <Policies request={request} />
          <LiveRoleSection requestId={request.id} />
          <PlanFindings findings={request.plan.findings} />
          <Verification request={request} />
          <DriftRepairs request={request} onChanged={refresh} />
          <TransitionsTimeline transitions={request.transitions} />
        </>
      )}
    </Flex>
  );
}
