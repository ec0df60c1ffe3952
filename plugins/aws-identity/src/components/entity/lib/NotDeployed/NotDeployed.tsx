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
  ButtonLink,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { WorkloadSelector } from '@internal/plugin-aws-identity-common';
import { ReactNode } from 'react';
import { ExpectedIdentity } from '../../../../filters';
import { Facts } from '../../../shared/Facts/Facts';
import { RoleArn } from '../BoundIdentity/BoundIdentity';

/**
 * Where the "Request an AWS role" button leads: the scaffolder template.
 *
 * @public
 */
export const REQUEST_ROLE_TEMPLATE_PATH =
  '/create/templates/default/new-service-with-s3-access';

function selectorText(selector?: WorkloadSelector): string {
  if (!selector) return 'none';
  const parts = [
    selector.kubernetesId &&
      `backstage.io/kubernetes-id=${selector.kubernetesId}`,
    selector.labelSelector && `label selector ${selector.labelSelector}`,
    selector.namespace && `namespace ${selector.namespace}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

/**
 * The "Request an AWS role" call to action.
 *
 * @public
 */
export function RequestRoleButton() {
  return (
    <ButtonLink href={REQUEST_ROLE_TEMPLATE_PATH} variant="primary">
      Request an AWS role
    </ButtonLink>
  );
}

/** A card that stands for the missing service accounts, ending with the call to action. */
function EmptyState(props: {
  testId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <Card data-testid={props.testId}>
      <CardHeader>
        <Text as="h3" variant="title-small">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {props.children}
          <div>
            <RequestRoleButton />
          </div>
        </Flex>
      </CardBody>
    </Card>
  );
}

/**
 * Empty state when no service account matches the entity: not deployed yet,
 * or (when the entity says so) no AWS access needed.
 *
 * @public
 */
export function NotDeployed(props: {
  selector?: WorkloadSelector;
  expected?: ExpectedIdentity;
}) {
  const { selector, expected } = props;
  if (expected?.noAwsAccess && !expected.roleArn) {
    return (
      <EmptyState
        testId="aws-identity-no-aws-access"
        title="No AWS access needed"
      >
        <Text variant="body-medium">
          This component declares that it does not call AWS
          (aws-identity.io/aws-access: none), and none of its workloads run with
          an AWS role. Nothing to do.
        </Text>
        <Text variant="body-small" color="secondary">
          If that changes, request a role and the annotation will be replaced.
        </Text>
      </EmptyState>
    );
  }
  const expectedItems: Array<[string, ReactNode]> = [];
  if (expected?.serviceAccount) {
    expectedItems.push([
      'Service account',
      `${expected.namespace ? `${expected.namespace}/` : ''}${
        expected.serviceAccount
      }`,
    ]);
  }
  if (expected?.cluster) expectedItems.push(['Cluster', expected.cluster]);
  if (expected?.roleArn) {
    expectedItems.push(['Role', <RoleArn key="role" arn={expected.roleArn} />]);
  }
  return (
    <EmptyState testId="aws-identity-not-deployed" title="Not deployed yet">
      <Text variant="body-medium">
        No service account in any connected cluster runs this component's
        workloads (selector: {selectorText(selector)}). Once it is deployed, its
        AWS identity is checked here.
      </Text>
      {expectedItems.length > 0 ? (
        <Flex direction="column" gap="2">
          <Text as="h4" variant="title-x-small">
            Expected identity (from the catalog)
          </Text>
          <Facts items={expectedItems} />
        </Flex>
      ) : (
        <Text variant="body-small" color="secondary">
          The catalog entry declares no expected identity
          (aws-identity.io/service-account, aws-identity.io/role-arn).
        </Text>
      )}
    </EmptyState>
  );
}
