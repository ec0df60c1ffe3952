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

import { useState } from 'react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { RoleRequestTarget } from '@internal/plugin-aws-identity-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { awsIdentityApiRef } from '../../../api/AwsIdentityApi';
import { mockApi, responseError } from '../../../__testUtils__/testApi';
import { AwsIdentityClusterPicker } from './AwsIdentityClusterPicker';
import { AwsIdentityClusterPickerValue } from './clusterPickerValue';
import { validateClusterPickerValue } from './validation';

/** Two targets as GET /request-targets answers them: east with an ACTIVE agent, west without one. */
const targets: RoleRequestTarget[] = [
  {
    cluster: 'sandbox-east',
    accountId: '111111111111',
    region: 'us-east-1',
    irsa: { available: true },
    podIdentity: {
      id: 'pod-identity-agent',
      title: 'EKS Pod Identity Agent add-on',
      state: 'ready',
      evidence: 'The eks-pod-identity-agent add-on v1.3.4-eksbuild.1 is ACTIVE on cluster sandbox-east.',
    },
    recommendedBinding: 'pod-identity',
  },
  {
    cluster: 'sandbox-west',
    accountId: '222222222222',
    region: 'eu-west-1',
    irsa: { available: true },
    podIdentity: {
      id: 'pod-identity-agent',
      title: 'EKS Pod Identity Agent add-on',
      state: 'blocked',
      evidence: 'Cluster sandbox-west has no eks-pod-identity-agent add-on.',
      fix: 'Install the add-on: aws eks create-addon --cluster-name sandbox-west --addon-name eks-pod-identity-agent',
    },
    recommendedBinding: 'irsa',
  },
];

/** The picker as RJSF mounts it: its value lives in the form, `onChange` reports it. */
function Harness(props: { onChange: (value?: AwsIdentityClusterPickerValue) => void }) {
  const [value, setValue] = useState<AwsIdentityClusterPickerValue | undefined>();
  const fieldProps = {
    formData: value,
    onChange: (v?: AwsIdentityClusterPickerValue) => {
      setValue(v);
      props.onChange(v);
    },
    schema: { title: 'Cluster', description: 'Where the service runs' },
    uiSchema: {},
    idSchema: { $id: 'root_target' },
    required: true,
    rawErrors: [],
  } as unknown as FieldExtensionComponentProps<AwsIdentityClusterPickerValue>;
  return <AwsIdentityClusterPicker {...fieldProps} />;
}

async function renderPicker(answer: RoleRequestTarget[] | Error = targets) {
  const api = mockApi({ entityRef: 'component:default/x', selector: {}, serviceAccounts: [], sources: [] } as any);
  api.listRequestTargets.mockImplementation(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const onChange = jest.fn();
  await renderInTestApp(<Harness onChange={onChange} />, { apis: [[awsIdentityApiRef, api]] });
  return { api, onChange };
}

describe('AwsIdentityClusterPicker', () => {
  it('lists the backend\'s clusters with account, region and Pod Identity readiness', async () => {
    const { api } = await renderPicker();
    const user = userEvent.setup();
    const trigger = await screen.findByRole('button', { name: /Cluster/ });
    await waitFor(() => expect(trigger).toBeEnabled());
    await user.click(trigger);
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      expect.stringContaining('sandbox-east · account 111111111111 · us-east-1'),
      expect.stringContaining('sandbox-west · account 222222222222 · eu-west-1'),
    ]);
    expect(options[0]).toHaveTextContent('EKS Pod Identity agent: Ready');
    expect(options[1]).toHaveTextContent('EKS Pod Identity agent: Blocked');
    expect(api.listRequestTargets).toHaveBeenCalledTimes(1);
  });

  it('is chosen by keyboard, and its value carries cluster, account, region and the proposed binding', async () => {
    const { onChange } = await renderPicker();
    const user = userEvent.setup();
    const trigger = await screen.findByRole('button', { name: /Cluster/ });
    await waitFor(() => expect(trigger).toBeEnabled());
    await user.tab();
    expect(trigger).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({
        cluster: 'sandbox-west',
        accountId: '222222222222',
        region: 'eu-west-1',
        recommendedBinding: 'irsa',
        podIdentityReady: false,
      }),
    );
    // The engine's evidence and fix for the chosen cluster, as written.
    const readiness = screen.getByTestId('aws-identity-cluster-picker-readiness');
    expect(readiness).toHaveTextContent('EKS Pod Identity Agent add-on: Blocked');
    expect(readiness).toHaveTextContent('Fix: Install the add-on: aws eks create-addon --cluster-name sandbox-west');
  });

  it('says why when the backend refuses the list, and offers nothing to choose', async () => {
    await renderPicker(await responseError(403, 'You are not allowed to aws-identity.request.create'));
    const alert = await screen.findByTestId('aws-identity-cluster-picker-error');
    expect(alert).toHaveTextContent('The clusters could not be loaded');
    expect(alert).toHaveTextContent('aws-identity.request.create');
    expect(screen.getByRole('button', { name: /Cluster/ })).toBeDisabled();
  });
});

describe('validateClusterPickerValue', () => {
  const errors = (value: unknown) => {
    const messages: string[] = [];
    validateClusterPickerValue(value as AwsIdentityClusterPickerValue, { addError: (m: string) => messages.push(m) } as any, {} as any);
    return messages;
  };

  it('accepts a value the list produced and leaves an empty one to `required`', () => {
    expect(errors({ cluster: 'sandbox-east', accountId: '111111111111', recommendedBinding: 'irsa', podIdentityReady: false })).toEqual([]);
    expect(errors(undefined)).toEqual([]);
  });

  it('refuses a value without a cluster or with an account that is not 12 digits', () => {
    expect(errors({ cluster: '', accountId: '111111111111' })).toEqual(['choose a cluster from the list']);
    expect(errors({ cluster: 'sandbox-east', accountId: '1111' })).toEqual(['choose a cluster from the list']);
  });
});
