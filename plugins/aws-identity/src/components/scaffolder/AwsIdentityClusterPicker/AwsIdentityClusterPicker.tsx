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
import { Alert, Flex, Select, Text } from '@backstage/ui';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { awsIdentityApiRef } from '../../../api/AwsIdentityApi';
import { usePolled } from '../../requests/usePolled';
import { backendMessage } from '../../shared/presentation/errors';
import { READINESS } from '../../shared/presentation/readiness';
import { StatusDot } from '../../shared/StatusDot/StatusDot';
import {
  AwsIdentityClusterPickerValue,
  pickerValueOf,
  targetDescription,
  targetLabel,
} from './clusterPickerValue';

/**
 * The `AwsIdentityClusterPicker` scaffolder field: the clusters the user may request roles
 * for, as the backend's request directory lists them (`GET /request-targets`), each with its
 * account, region and whether EKS Pod Identity is ready there. Below the choice it shows the
 * Pod Identity agent's evidence and fix, as the engine wrote them.
 *
 * @public
 */
export function AwsIdentityClusterPicker(
  props: FieldExtensionComponentProps<AwsIdentityClusterPickerValue>,
) {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const api = useApi(awsIdentityApiRef);
  // Loaded once: the directory changes with configuration, not while a form is filled in.
  const { loading, value: targets, error } = usePolled(
    'request-targets',
    () => api.listRequestTargets(),
    0,
  );
  const chosen = targets?.find(t => t.cluster === formData?.cluster);
  const label = schema.title ?? 'Cluster';
  return (
    <Flex direction="column" gap="2" data-testid="aws-identity-cluster-picker">
      <Select
        id={idSchema?.$id}
        label={label}
        description={schema.description}
        isRequired={required}
        isDisabled={loading || !!error}
        placeholder={loading ? 'Loading clusters…' : 'Choose a cluster'}
        selectedKey={formData?.cluster ?? null}
        onSelectionChange={key => {
          const target = targets?.find(t => t.cluster === key);
          onChange(target ? pickerValueOf(target) : undefined);
        }}
        options={(targets ?? []).map(t => ({
          id: t.cluster,
          label: targetLabel(t),
          description: targetDescription(t),
        }))}
      />
      {error && (
        <Alert
          status="danger"
          icon
          data-testid="aws-identity-cluster-picker-error"
          title="The clusters could not be loaded"
          description={backendMessage(error)}
        />
      )}
      {targets && targets.length === 0 && (
        <Text variant="body-small" color="secondary">
          No cluster names its AWS account in the portal's configuration, so no role can be
          requested for one.
        </Text>
      )}
      {chosen && (
        <Flex
          direction="column"
          gap="1"
          data-testid="aws-identity-cluster-picker-readiness"
          data-state={chosen.podIdentity.state}
          aria-live="polite"
        >
          <Text variant="body-small">
            <StatusDot status={READINESS[chosen.podIdentity.state].dot} />
            {chosen.podIdentity.title}: {READINESS[chosen.podIdentity.state].label}
          </Text>
          <Text variant="body-small" color="secondary">
            {chosen.podIdentity.evidence}
          </Text>
          {chosen.podIdentity.fix && chosen.podIdentity.state !== 'ready' && (
            <Text variant="body-small">Fix: {chosen.podIdentity.fix}</Text>
          )}
          {!chosen.irsa.available && chosen.irsa.reason && (
            <Text variant="body-small">IRSA: {chosen.irsa.reason}</Text>
          )}
        </Flex>
      )}
      {rawErrors?.map(message => (
        <Text key={message} variant="body-small" color="danger" role="alert">
          {message}
        </Text>
      ))}
    </Flex>
  );
}
