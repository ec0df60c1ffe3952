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
import { Button, Flex, Text } from '@backstage/ui';
import {
  IdentityReport,
  LiveProofResult,
} from '@internal/plugin-aws-identity-common';
import { useState } from 'react';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { useBackendAction } from '../../../shared/backendAction/useBackendAction';

/**
 * "Prove it live": a button that asks the backend to present a fresh token of the service
 * account to STS (IRSA) or to say what can be shown for EKS Pod Identity. Never runs on its
 * own: a page view only shows the button. The backend decides and words the result; this
 * view renders it.
 *
 * @public
 */
export function LiveProof(props: {
  entityRef: string;
  report: IdentityReport;
}) {
  const { entityRef, report } = props;
  const api = useApi(awsIdentityApiRef);
  const [result, setResult] = useState<LiveProofResult>();
  const { cluster, namespace, name } = report.serviceAccount;
  const { run: prove, busy, error } = useBackendAction(
    () => api.proveLive({ entityRef, cluster, namespace, serviceAccount: name }),
    setResult,
  );

  return (
    <Flex direction="column" gap="2" data-testid="aws-identity-live-proof">
      <Flex gap="2" align="center">
        <Button
          variant="secondary"
          size="small"
          onPress={prove}
          isDisabled={busy}
        >
          {busy ? 'Proving…' : 'Prove it live'}
        </Button>
        <Text variant="body-small" color="secondary">
          Asks the cluster for a short-lived token of this service account and
          presents it to AWS with a session that may do nothing.
        </Text>
      </Flex>
      {(result || error) && (
        <div role="status" aria-live="polite">
          {result && (
            <>
              <Text
                as="p"
                variant="body-small"
                weight="bold"
                data-outcome={result.outcome}
              >
                {result.message}
              </Text>
              {result.error?.nextSteps.map(step => (
                <Text as="p" variant="body-small" key={step}>
                  {step}
                </Text>
              ))}
            </>
          )}
          {error && (
            <Text as="p" variant="body-small" color="danger">
              {error.message}
            </Text>
          )}
        </div>
      )}
    </Flex>
  );
}
