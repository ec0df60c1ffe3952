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

import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { AwsIdentityClusterPickerValue } from './clusterPickerValue';

/**
 * Form-side check of the picker's value: a cluster must be chosen from the list. The actions
 * check the cluster, account and region against the directory again on the server.
 *
 * @public
 */
export const validateClusterPickerValue: CustomFieldValidator<AwsIdentityClusterPickerValue> = (
  value,
  validation,
) => {
  // No value is RJSF's `required` to judge; a value must be one the list produced.
  if (value === undefined) return;
  if (!value.cluster || !/^\d{12}$/.test(value.accountId ?? '')) {
    validation.addError('choose a cluster from the list');
  }
};
