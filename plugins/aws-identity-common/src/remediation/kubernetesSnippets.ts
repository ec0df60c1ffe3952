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
import { IRSA_ANNOTATIONS } from '../binding/annotations';
import {
  AnnotateServiceAccountFix,
  DedicatedServiceAccountFix,
  RemoveIrsaAnnotationFix,
  RemoveStaticKeysFix,
  RestartWorkloadsFix,
  SetFsGroupFix,
} from '../checks/structuredFix';
import { RemediationSnippet } from '../domain/types';
import { stringify } from 'yaml';
import { YAML_OPTIONS } from '../render/manifests';
import { helmServiceAccountValues } from '../render/serviceAccount';
import { PLACEHOLDERS } from './placeholders';

const ROLLOUT_KINDS = ['deployment', 'statefulset', 'daemonset'];
/** Kinds whose pod template `kubectl set env` can change. */
const TEMPLATE_KINDS = [...ROLLOUT_KINDS, 'replicaset', 'job', 'cronjob'];

function kubectl(code: string[]): RemediationSnippet {
  return { label: 'kubectl', language: 'shell', code: code.join('\n') };
}

function helm(values: string): RemediationSnippet {
  return { label: 'Helm values', language: 'yaml', code: values.trimEnd() };
}

/** `Deployment/api` → `deployment/api`, the form kubectl takes. */
function workloadRefs(
  workloads: string[],
): Array<{ original: string; kind: string; ref: string }> {
  return workloads.map(original => {
    const slash = original.indexOf('/');
    const kind = original.slice(0, slash).toLowerCase();
    return { original, kind, ref: `${kind}/${original.slice(slash + 1)}` };
  });
}

function annotateCommand(
  namespace: string,
  serviceAccount: string,
  roleArn?: string,
): string {
  return [
    `kubectl annotate serviceaccount ${serviceAccount} -n ${namespace} \\`,
    `  ${IRSA_ANNOTATIONS.roleArn}=${
      roleArn ?? PLACEHOLDERS.roleArn
    } --overwrite`,
  ].join('\n');
}

function annotatedValues(
  serviceAccount: string,
  roleArn: string | undefined,
  create = false,
): RemediationSnippet {
  return helm(
    helmServiceAccountValues({
      name: serviceAccount,
      annotations: {
        [IRSA_ANNOTATIONS.roleArn]: roleArn ?? PLACEHOLDERS.roleArn,
      },
      create,
    }),
  );
}

/** Bind the role with the IRSA annotation: kubectl, and the chart's `serviceAccount` values. */
export function annotateServiceAccount(
  fix: AnnotateServiceAccountFix,
): RemediationSnippet[] {
  return [
    kubectl([annotateCommand(fix.namespace, fix.serviceAccount, fix.roleArn)]),
    annotatedValues(fix.serviceAccount, fix.roleArn),
  ];
}

/**
 * Restart each workload: `kubectl rollout restart` for the kinds that support it; other owners
 * (a bare pod, a job) are named, since only re-creating their pods helps.
 */
export function restartWorkloads(
  fix: RestartWorkloadsFix,
): RemediationSnippet[] {
  const refs = workloadRefs(fix.workloads);
  const lines = refs.length
    ? refs.map(w =>
        ROLLOUT_KINDS.includes(w.kind)
          ? `kubectl rollout restart ${w.ref} -n ${fix.namespace}`
          : `# ${w.original} cannot be restarted by kubectl rollout: re-create its pods`,
      )
    : [
        `kubectl rollout restart deployment/${PLACEHOLDERS.workloadName} -n ${fix.namespace}`,
      ];
  return [kubectl(lines)];
}

/** Remove the keys from each workload's pod template, then bind the role instead. */
export function removeStaticKeys(
  fix: RemoveStaticKeysFix,
): RemediationSnippet[] {
  const refs = workloadRefs(fix.workloads);
  const unset = 'AWS_ACCESS_KEY_ID- AWS_SECRET_ACCESS_KEY-';
  const lines = refs.length
    ? refs.map(w =>
        TEMPLATE_KINDS.includes(w.kind)
          ? `kubectl set env ${w.ref} -n ${fix.namespace} ${unset}`
          : `# ${w.original} has no pod template: remove the keys from its manifest and re-create it`,
      )
    : [
        `kubectl set env deployment/${PLACEHOLDERS.workloadName} -n ${fix.namespace} ${unset}`,
      ];
  return [
    kubectl([
      '# Remove the keys from the workload, then bind a role instead',
      ...lines,
      annotateCommand(fix.namespace, fix.serviceAccount, fix.roleArn),
    ]),
    annotatedValues(fix.serviceAccount, fix.roleArn),
  ];
}

/**
 * Create a service account for the workload, bind the role there and unbind `default`: with the
 * IRSA annotation, or with a new Pod Identity association when that is how the role is bound.
 */
export function dedicatedServiceAccount(
  fix: DedicatedServiceAccountFix,
): RemediationSnippet[] {
  const { namespace } = fix;
  const name = PLACEHOLDERS.workloadName;
  const roleArn = fix.roleArn ?? PLACEHOLDERS.roleArn;
  const create = `kubectl create serviceaccount ${name} -n ${namespace}`;
  if (fix.via === 'pod-identity') {
    const cluster = fix.eksClusterName ?? PLACEHOLDERS.eksClusterName;
    return [
      kubectl([create]),
      {
        label: 'AWS CLI',
        language: 'shell',
        code: [
          `aws eks create-pod-identity-association --cluster-name ${cluster} \\`,
          `  --namespace ${namespace} --service-account ${name} --role-arn ${roleArn}`,
          fix.associationId
            ? `aws eks delete-pod-identity-association --cluster-name ${cluster} --association-id ${fix.associationId}`
            : `# then delete the association of ${namespace}/default (aws eks list-pod-identity-associations)`,
        ].join('\n'),
      },
      helm(helmServiceAccountValues({ name, annotations: {}, create: true })),
    ];
  }
  return [
    kubectl([
      create,
      `kubectl annotate serviceaccount ${name} -n ${namespace} \\`,
      `  ${IRSA_ANNOTATIONS.roleArn}=${roleArn}`,
      `kubectl annotate serviceaccount default -n ${namespace} ${IRSA_ANNOTATIONS.roleArn}-`,
    ]),
    annotatedValues(name, fix.roleArn, true),
  ];
}

/** The pod security context that makes the projected token readable by a non-root user. */
export function setFsGroup(fix: SetFsGroupFix): RemediationSnippet[] {
  return [
    helm(
      stringify({ podSecurityContext: { fsGroup: fix.fsGroup } }, YAML_OPTIONS),
    ),
  ];
}

/** Keep EKS Pod Identity and drop the IRSA annotation. */
export function removeIrsaAnnotation(
  fix: RemoveIrsaAnnotationFix,
): RemediationSnippet[] {
  return [
    kubectl([
      '# Keep EKS Pod Identity, drop the IRSA annotation',
      `kubectl annotate serviceaccount ${fix.serviceAccount} -n ${fix.namespace} ${IRSA_ANNOTATIONS.roleArn}-`,
    ]),
    helm(
      helmServiceAccountValues({ name: fix.serviceAccount, annotations: {} }),
    ),
  ];
}
