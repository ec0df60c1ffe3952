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
import { RolePlan } from '../api/requests';
import { IRSA_ANNOTATIONS } from '../binding/annotations';
import { stringify } from 'yaml';
import { YAML_OPTIONS } from './manifests';
import { RenderedFile, entityName } from './types';

/** The service account annotations the EKS pod identity webhook reads (IRSA only). */
export function serviceAccountAnnotations(plan: RolePlan): Record<string, string> {
  if (plan.input.binding !== 'irsa') return {};
  return {
    [IRSA_ANNOTATIONS.roleArn]: plan.roleArn,
    [IRSA_ANNOTATIONS.stsRegionalEndpoints]: 'true',
  };
}

/**
 * The Helm values (the common `serviceAccount` block of charts) that make a chart name, and with
 * `create`, create the service account with these annotations.
 */
export function helmServiceAccountValues(serviceAccount: {
  name: string;
  annotations: Record<string, string>;
  create?: boolean;
}): string {
  const { name, annotations, create } = serviceAccount;
  const values = { serviceAccount: { ...(create ? { create: true } : {}), name, annotations } };
  return stringify(values, YAML_OPTIONS);
}

/**
 * Renders the service account manifest (annotated for IRSA) and the Helm
 * values snippet that makes a chart create the same service account.
 */
export function renderServiceAccount(plan: RolePlan): RenderedFile[] {
  const { input } = plan;
  const annotations = serviceAccountAnnotations(plan);
  const manifest = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: input.serviceAccount,
      namespace: input.namespace,
      labels: { 'backstage.io/kubernetes-id': entityName(plan) },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
  };
  return [
    { path: 'kubernetes/serviceaccount.yaml', content: stringify(manifest, YAML_OPTIONS) },
    {
      path: 'helm/values-aws-identity.yaml',
      content: helmServiceAccountValues({ name: input.serviceAccount, annotations, create: true }),
    },
  ];
}
