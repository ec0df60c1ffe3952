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

import { Card, CardBody, CardHeader, Flex, Grid, Text } from '@backstage/ui';
import {
  bindingSnippets,
  IdentityReport,
  WorkloadSelector,
} from '@internal/plugin-aws-identity-common';
import { useId } from 'react';
import { ExpectedIdentity } from '../../../../filters';
import { serviceAccountKey } from '../../../shared/presentation/format';
import { BoundIdentity } from '../BoundIdentity/BoundIdentity';
import { CodeSnippet } from '../../../shared/CodeSnippet/CodeSnippet';
import { CouldAlsoAssume } from '../CouldAlsoAssume/CouldAlsoAssume';
import { ExplainError } from '../ExplainError/ExplainError';
import { LiveProof } from '../LiveProof/LiveProof';
import { FindingsList } from '../FindingsList/FindingsList';
import { RequestRoleButton } from '../NotDeployed/NotDeployed';
import { MigrationPlan } from '../MigrationPlan/MigrationPlan';
import { PermissionsTable } from '../PermissionsTable/PermissionsTable';
import { PodsSummary } from '../PodsSummary/PodsSummary';
import {
  SectionHeadingContext,
  Subsection,
} from '../../../shared/Subsection/Subsection';
import { PodIdentityChain } from '../PodIdentityChain/PodIdentityChain';
import { TrustEvaluation } from '../TrustEvaluation/TrustEvaluation';
import { VerdictBanner } from '../VerdictBanner/VerdictBanner';

function NotConfiguredHelp(props: {
  report: IdentityReport;
  expected?: ExpectedIdentity;
}) {
  const { report, expected } = props;
  if (expected?.noAwsAccess) {
    return (
      <Subsection title="No AWS access needed">
        <Text variant="body-small">
          The catalog says this component needs no AWS access
          (aws-identity.io/aws-access: none); an unbound service account is what
          it should be.
        </Text>
      </Subsection>
    );
  }
  return (
    <Subsection title="Bind a role" testId="aws-identity-bind-role">
      <Text variant="body-small">
        If this workload calls AWS, request a role, or bind an existing one to
        the service account. If it does not, nothing needs to change.
      </Text>
      <div>
        <RequestRoleButton />
      </div>
      {bindingSnippets(report.serviceAccount, expected?.roleArn).map(s => (
        <CodeSnippet
          key={s.label}
          label={`${s.label}: bind a role`}
          code={s.code}
        />
      ))}
    </Subsection>
  );
}

/**
 * Everything about one (cluster, namespace, service account) of the entity.
 *
 * @public
 */
export function ServiceAccountSection(props: {
  report: IdentityReport;
  /** Not used since the engine renders the fixes; accepted so that callers need not change. */
  selector?: WorkloadSelector;
  expected?: ExpectedIdentity;
  /** The entity the tab shows: for the requests its sections offer and the live proof. */
  entityRef?: string;
}) {
  const { report, expected, entityRef } = props;
  const headingId = useId();
  const { cluster, namespace, name } = report.serviceAccount;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`aws-identity-sa-${serviceAccountKey(
        report.serviceAccount,
      )}`}
      data-verdict={report.verdict}
    >
      <SectionHeadingContext.Provider value={headingId}>
        <Card>
          <CardHeader>
            <Flex direction="column" gap="2">
              <Text as="h3" variant="title-small" id={headingId}>
                Service account {namespace}/{name} on {cluster}
              </Text>
              <VerdictBanner
                verdict={report.verdict}
                reasons={report.verdictReasons}
                nextStep={report.nextStep}
              />
            </Flex>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="5">
              <Grid.Root columns={{ initial: '1', md: '2' }} gap="5">
                <BoundIdentity report={report} />
                <PodsSummary report={report} />
              </Grid.Root>
              <CouldAlsoAssume report={report} />
              {report.verdict === 'not-configured' && (
                <NotConfiguredHelp report={report} expected={expected} />
              )}
              <FindingsList report={report} />
              {report.roles.length > 0 && <TrustEvaluation report={report} />}
              <PodIdentityChain report={report} />
              {report.roles.length > 0 && <PermissionsTable report={report} />}
              <MigrationPlan report={report} entityRef={props.entityRef} />
              <ExplainError report={report} />
              {entityRef && report.binding.effective !== 'none' && (
                <LiveProof entityRef={entityRef} report={report} />
              )}
            </Flex>
          </CardBody>
        </Card>
      </SectionHeadingContext.Provider>
    </section>
  );
}
