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

import { DEFAULT_TRUST_POLICY_QUOTA } from '../checks/trustChecks';
import { MAX_TRUST_POLICY_QUOTA } from '../generate/generatePolicies';
import { POD_IDENTITY_PRINCIPAL } from '../evaluate/workloadRequests';
import { eksClusterNameOfArn, normalizeIssuer, parseArn } from '../parse/identifiers';
import { matchesWildcard } from '../evaluate/wildcard';
import { fargateSelections } from './fargateSelectors';
import { MigrationInput } from './migrationInput';
import { MigrationReadinessItem, MigrationTrustChange } from './types';

/**
 * The EKS add-on name of the EKS Pod Identity Agent.
 *
 * @public
 */
export const POD_IDENTITY_AGENT_ADDON = 'eks-pod-identity-agent';

function accountOf(arn: string): string | undefined {
  const parsed = parseArn(arn);
  return parsed.ok ? parsed.value.accountId : undefined;
}

/** `<eks name>` for commands, or a placeholder the reader replaces. */
export function eksNameOf(input: { cluster: Pick<MigrationInput['cluster'], 'name' | 'arn'> }): string {
  return eksClusterNameOfArn(input.cluster.arn) ?? input.cluster.name;
}

/**
 * Whether EKS Pod Identity can serve pods of `cluster`: its `eks-pod-identity-agent` add-on is
 * installed and ACTIVE (`ready`), missing or unhealthy (`blocked`), or was not read (`unknown`),
 * with the evidence and the fix. The migration plan and the role request targets both ask it.
 *
 * @public
 */
export function podIdentityAgentReadiness(
  cluster: Pick<MigrationInput['cluster'], 'name' | 'arn' | 'podIdentityAgent'>,
): MigrationReadinessItem {
  const base = { id: 'pod-identity-agent' as const, title: 'EKS Pod Identity Agent add-on' };
  const install = `Install the add-on: aws eks create-addon --cluster-name ${eksNameOf({ cluster })} --addon-name ${POD_IDENTITY_AGENT_ADDON}`;
  const agent = cluster.podIdentityAgent;
  if (!agent) {
    return {
      ...base,
      state: 'unknown',
      evidence: `The add-ons of cluster ${cluster.name} were not read.`,
      fix: 'Let the AWS source read EKS add-ons (eks:ListAddons, eks:DescribeAddon) for the cluster.',
    };
  }
  if (agent.state === 'unknown') {
    return {
      ...base,
      state: 'unknown',
      evidence: `The add-ons of cluster ${cluster.name} could not be read: ${agent.reason}`,
      fix: 'Grant the AWS source eks:ListAddons and eks:DescribeAddon on the cluster.',
    };
  }
  if (agent.state === 'not-installed') {
    return {
      ...base,
      state: 'blocked',
      evidence: `Cluster ${cluster.name} has no ${POD_IDENTITY_AGENT_ADDON} add-on: pods given Pod Identity credentials would find no agent to get them from.`,
      fix: install,
    };
  }
  const version = agent.version ? ` ${agent.version}` : '';
  if (agent.status !== 'ACTIVE') {
    return {
      ...base,
      state: 'blocked',
      evidence: `The ${POD_IDENTITY_AGENT_ADDON} add-on${version} on cluster ${cluster.name} is ${agent.status}, not ACTIVE.`,
      fix: `Wait for the add-on to become ACTIVE, or repair it (aws eks describe-addon --cluster-name ${eksNameOf({ cluster })} --addon-name ${POD_IDENTITY_AGENT_ADDON} shows its health issues).`,
    };
  }
  return {
    ...base,
    state: 'ready',
    evidence: `The ${POD_IDENTITY_AGENT_ADDON} add-on${version} is ACTIVE on cluster ${cluster.name}.`,
  };
}

function fargateItem(input: MigrationInput): MigrationReadinessItem {
  const base = { id: 'fargate' as const, title: 'No Fargate profile selects the pods' };
  const namespace = input.serviceAccount.namespace;
  const fix =
    'EKS Pod Identity is not available on Fargate: keep IRSA for these pods, or change the profile selectors (or the pods\' labels) so that they run on nodes.';
  if ((input.pods?.fargatePodCount ?? 0) > 0) {
    return {
      ...base,
      state: 'blocked',
      evidence: `${input.pods?.fargatePodCount} running pods run on Fargate.`,
      fix,
    };
  }
  const profiles = input.cluster.fargateProfiles;
  if (!profiles || profiles.state === 'unknown') {
    return {
      ...base,
      state: 'unknown',
      evidence: profiles
        ? `The Fargate profiles of cluster ${input.cluster.name} could not be read: ${profiles.reason}`
        : `The Fargate profiles of cluster ${input.cluster.name} were not read.`,
      fix: 'Grant the AWS source eks:ListFargateProfiles and eks:DescribeFargateProfile on the cluster.',
    };
  }
  if (profiles.profiles.length === 0) {
    return { ...base, state: 'ready', evidence: `Cluster ${input.cluster.name} has no Fargate profiles.` };
  }
  const labelSets = input.podLabelSets ?? [];
  // Without running pods only a selector without labels is certain to select the next ones.
  const selections = fargateSelections(profiles.profiles, namespace, labelSets.length > 0 ? labelSets : [{}]);
  if (selections.length > 0) {
    const s = selections[0];
    const labels = Object.entries(s.selector.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return {
      ...base,
      state: 'blocked',
      evidence: `Fargate profile ${s.profile} selects the pods (namespace ${s.selector.namespace}${labels ? `, labels ${labels}` : ''}).`,
      fix,
    };
  }
  if (labelSets.length === 0) {
    const labelled = profiles.profiles.find(
      p =>
        p.status !== 'DELETING' &&
        p.selectors.some(sel => Object.keys(sel.labels ?? {}).length > 0 && matchesWildcard(sel.namespace, namespace)),
    );
    if (labelled) {
      return {
        ...base,
        state: 'unknown',
        evidence: `No pods are running to compare with the label selectors of Fargate profile ${labelled.name} for namespace ${namespace}.`,
        fix: 'Check the pods\' labels against the profile, or start the workload so that its labels can be compared.',
      };
    }
  }
  return {
    ...base,
    state: 'ready',
    evidence: `None of the ${profiles.profiles.length} Fargate profiles of cluster ${input.cluster.name} selects the pods.`,
  };
}

function hostNetworkItem(input: MigrationInput): MigrationReadinessItem {
  const base = { id: 'host-network' as const, title: 'No hostNetwork pods' };
  if (!input.pods) {
    return { ...base, state: 'unknown', evidence: 'The running pods are unknown (the cluster is not watched or not read yet).' };
  }
  if (input.pods.podCount === 0) {
    return { ...base, state: 'ready', evidence: 'No pods are running with the service account.' };
  }
  if (input.pods.hostNetworkPodCount === undefined) {
    return { ...base, state: 'unknown', evidence: 'The pod source did not report hostNetwork.' };
  }
  if (input.pods.hostNetworkPodCount > 0) {
    return {
      ...base,
      state: 'blocked',
      evidence: `${input.pods.hostNetworkPodCount} of ${input.pods.podCount} running pods use hostNetwork: they share the node's network namespace, where the EKS Pod Identity Agent's link-local endpoint cannot tell their credential requests apart from the node's.`,
      fix: 'Run the pods without hostNetwork, or keep IRSA for them.',
    };
  }
  return { ...base, state: 'ready', evidence: `None of the ${input.pods.podCount} running pods uses hostNetwork.` };
}

function trustSizeItem(
  input: MigrationInput,
  change: MigrationTrustChange | undefined,
  podIdentityTrusted: boolean,
): MigrationReadinessItem {
  const base = { id: 'trust-policy-size' as const, title: 'Room in the trust policy for the Pod Identity statement' };
  const quota = input.trustPolicyQuota ?? DEFAULT_TRUST_POLICY_QUOTA;
  if (podIdentityTrusted) {
    return { ...base, state: 'ready', evidence: `The trust policy already allows ${POD_IDENTITY_PRINCIPAL}.` };
  }
  if (!change) {
    return {
      ...base,
      state: 'unknown',
      evidence: input.role
        ? 'The size after the change could not be computed (see the cross-account item).'
        : `Role ${input.binding.irsaRoleArn} was not read.`,
    };
  }
  const { minifiedLength } = change;
  if (minifiedLength > quota) {
    return {
      ...base,
      state: 'blocked',
      evidence: `With the Pod Identity statement the trust policy would be ${minifiedLength} characters (without whitespace), over the account's ${quota}-character AssumeRolePolicySizeQuota.`,
      fix:
        minifiedLength > MAX_TRUST_POLICY_QUOTA
          ? `Even the largest quota (${MAX_TRUST_POLICY_QUOTA}) is too small: remove stale statements or subjects from the trust policy first.`
          : `Raise the role trust policy length quota in Service Quotas (up to ${MAX_TRUST_POLICY_QUOTA}), or remove stale statements or subjects first.`,
    };
  }
  return {
    ...base,
    state: 'ready',
    evidence: `With the Pod Identity statement the trust policy is ${minifiedLength} of ${quota} characters (without whitespace).`,
  };
}

function otherPrincipalsItem(input: MigrationInput): MigrationReadinessItem {
  const base = { id: 'other-trusted-principals' as const, title: 'Other callers of the role' };
  if (!input.trustPolicy) {
    return { ...base, state: 'unknown', evidence: `The trust policy of ${input.binding.irsaRoleArn} was not read or did not parse.` };
  }
  const issuer = normalizeIssuer(input.cluster.issuer);
  const ownProvider = issuer.ok ? `oidc-provider/${issuer.value.hostPath}`.toLowerCase() : undefined;
  const others: string[] = [];
  for (const statement of input.trustPolicy.statements) {
    if (statement.effect !== 'Allow') continue;
    const principals = Object.entries(statement.principal?.byType ?? {}).flatMap(([type, ids]) =>
      (ids ?? []).map(id => ({ type, id })),
    );
    const foreign = principals.filter(
      p =>
        !(p.type === 'Federated' && ownProvider && p.id.toLowerCase().endsWith(ownProvider)) &&
        !(p.type === 'Service' && p.id === POD_IDENTITY_PRINCIPAL),
    );
    if (statement.principal?.any) foreign.push({ type: 'AWS', id: '*' });
    if (foreign.length > 0) {
      const name = statement.sid ? `${statement.index} (${statement.sid})` : `${statement.index}`;
      others.push(`statement ${name}: ${foreign.map(p => `${p.type} ${p.id}`).join(', ')}`);
    }
  }
  if (others.length === 0) {
    return { ...base, state: 'ready', evidence: 'The trust policy admits only this cluster\'s OIDC provider (and EKS Pod Identity, if already added).' };
  }
  return {
    ...base,
    state: 'attention',
    evidence: `The trust also admits callers besides this cluster's service accounts — ${others.join('; ')}.`,
    fix: 'These statements stay: the migration only appends the Pod Identity statement and, optionally, removes this service account\'s OIDC subject.',
  };
}

function crossAccountItem(input: MigrationInput): MigrationReadinessItem {
  const base = { id: 'cross-account' as const, title: 'Role in the cluster\'s account' };
  const roleArn = input.binding.irsaRoleArn ?? '';
  const roleAccount = input.role?.accountId ?? accountOf(roleArn);
  const clusterAccount = input.cluster.accountId;
  if (!roleAccount || !clusterAccount) {
    return { ...base, state: 'unknown', evidence: 'The role\'s or the cluster\'s account is unknown.' };
  }
  if (roleAccount === clusterAccount) {
    return { ...base, state: 'ready', evidence: `Role and cluster are both in account ${clusterAccount}.` };
  }
  return {
    ...base,
    state: 'blocked',
    evidence: `The role is in account ${roleAccount}, the cluster in ${clusterAccount}: an EKS Pod Identity association takes a role of the cluster's own account.`,
    fix: `Chain through a target role: create a role in ${clusterAccount} that trusts ${POD_IDENTITY_PRINCIPAL} and may sts:AssumeRole and sts:TagSession on ${roleArn}; let ${roleArn} trust that role (with the association's external id as sts:ExternalId); then create the association with the new role as roleArn and ${roleArn} as targetRoleArn.`,
  };
}

/**
 * The readiness of one IRSA-bound service account for EKS Pod Identity, one item per reason
 * the move could fail, each with its evidence and fix. Unknown facts give `unknown`, never
 * `ready`.
 *
 * @public
 */
export function assessMigrationReadiness(
  input: MigrationInput,
  change: MigrationTrustChange | undefined,
  podIdentityTrusted: boolean,
): MigrationReadinessItem[] {
  return [
    podIdentityAgentReadiness(input.cluster),
    fargateItem(input),
    hostNetworkItem(input),
    trustSizeItem(input, change, podIdentityTrusted),
    otherPrincipalsItem(input),
    crossAccountItem(input),
  ];
}
