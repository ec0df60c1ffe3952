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
  buildIdentityReport,
  EntityIdentityResponse,
  IdentityReportInput,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  edgeDeltaInput,
  notifierInput,
  reportGeneratorInput,
  reportsInputs,
  uploaderInput,
} from './scenarios';

/*
 * What GET /identity answers for the sandbox's scenarios, one per verdict: the reports come
 * from the engine (buildIdentityReport) over the scenarios' inputs, exactly as the backend
 * builds them, so that the tests render what the engine decides today.
 */

const DATA_AS_OF = '2026-11-23T15:21:20.288Z';

/** Every source read successfully, as in a healthy sandbox. */
const SOURCES: SourceStatus[] = [
  {
    source: { kind: 'aws-account', accountId: ACCOUNT_A },
    state: 'ok',
    lastSuccessAt: '2026-11-23T15:21:20.313Z',
  },
  {
    source: { kind: 'aws-account', accountId: ACCOUNT_B },
    state: 'ok',
    lastSuccessAt: DATA_AS_OF,
  },
  {
    source: { kind: 'cluster', cluster: 'sandbox-east' },
    state: 'ok',
    lastSuccessAt: '2026-11-23T15:21:50.360Z',
  },
  {
    source: { kind: 'cluster', cluster: 'sandbox-west' },
    state: 'ok',
    lastSuccessAt: '2026-11-23T15:21:50.356Z',
  },
];

function response(
  component: string,
  inputs: IdentityReportInput[],
): EntityIdentityResponse {
  return {
    entityRef: `component:default/${component}`,
    selector: { kubernetesId: component },
    serviceAccounts: inputs.map(buildIdentityReport),
    sources: SOURCES,
    dataAsOf: DATA_AS_OF,
  };
}

/** `reports` (seed 002): verified in both clusters. */
export const verifiedResponse = response('reports', reportsInputs);

/** `notifier`: broken, the annotated role does not exist (IRSA-B02). */
export const brokenResponse = response('notifier', [notifierInput]);

/** `report-generator`: risky, the trust has no sub condition (IRSA-T01). */
export const riskyResponse = response('report-generator', [
  reportGeneratorInput,
]);

/** `edgedelta-env-keys` (seed 000): not configured, static keys in the pods (IRSA-B05). */
export const notConfiguredResponse = response('edgedelta-env-keys', [
  edgeDeltaInput,
]);

/** `uploader`: both IRSA and Pod Identity; the pods use Pod Identity (IRSA-B12). */
export const bothResponse = response('uploader', [uploaderInput]);
