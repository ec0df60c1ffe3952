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

/**
 * Sandbox for aws-identity: real AWS (moto) and Kubernetes (kube-apiserver + etcd + the
 * amazon-eks-pod-identity-webhook) stand-ins on free loopback ports, seeded with the seed
 * scenarios. See `test/sandbox/README.md`.
 *
 * @packageDocumentation
 */
export {
  startSandbox,
  connectSandbox,
  useSandbox,
  writeAppConfig,
  portalConfig,
} from './sandbox';
export type { Sandbox, SandboxOptions } from './sandbox';
export type {
  SandboxState,
  ClusterState,
  AccountState,
  ProxyControl,
} from './state';
export { readState, httpProxyControl } from './state';
export type { FaultRule, ActiveFault, CallCount } from './proxy/recordingProxy';
export { RecordingProxy, MOTO_DEFAULT_ACCOUNT } from './proxy/recordingProxy';
export { PodIdentityShim } from './proxy/podIdentityShim';
export type { PodIdentityAssociation } from './proxy/podIdentityShim';
export {
  iamClient,
  stsClient,
  eksClient,
  routeToAccount,
  SANDBOX_CREDENTIALS,
} from './aws/clients';
export {
  ACCOUNT_A,
  ACCOUNT_B,
  CLUSTER_EAST,
  CLUSTER_WEST,
  accounts,
  clusters,
} from './topology';
export { loadExpectations } from './expectations';
export type { Expectation, ExpectationTable, Verdict } from './expectations';
export { SandboxPrerequisiteError } from './toolchain';
export { paths } from './paths';
export { applyInfrastructure, APPLIED_POLICY_NAME } from './infra/applyInfra';
export type { AppliedMigrations } from './infra/applyMigration';
export { deployService } from './infra/deployService';
export { KubeClient, KubeApiError } from './kube/kubeClient';
export type { ApiserverRestart } from './kube/cluster';
export type { DeployedService } from './infra/deployService';
export { mergeRequestBranches, readPlannedRoles } from './infra/infraRepository';
