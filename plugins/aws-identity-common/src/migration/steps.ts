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

import { serviceAccountSubject } from '../parse/identifiers';
import { subPatterns } from '../checks/trustChecks';
import { renderRemediation } from '../remediation/renderRemediation';
import { MigrationInput } from './migrationInput';
import {
  MigrationAssociation,
  MigrationReadinessId,
  MigrationReadinessItem,
  MigrationStep,
  MigrationStepId,
  MigrationTrustChange,
} from './types';

/** A step before its state is known: whether it is done, and what blocks it otherwise. */
interface StepDraft {
  id: MigrationStepId;
  title: string;
  done: boolean;
  /** Why it is done, or what it waits for. */
  reason: string;
  /** What blocks it, when something does. */
  blockedBy?: string;
  optional?: boolean;
  remediation?: MigrationStep['remediation'];
}

/** The readiness items that must be settled before each step can be taken. */
const NEEDS: Record<MigrationStepId, MigrationReadinessId[]> = {
  'add-trust-statement': ['trust-policy-size', 'cross-account'],
  // From the association on, new pods take Pod Identity: it must work for them.
  'create-association': ['pod-identity-agent', 'fargate', 'host-network', 'cross-account'],
  'restart-pods': ['pod-identity-agent', 'fargate', 'host-network'],
  'verify-pods': [],
  'remove-annotation': [],
  'remove-oidc-statement': [],
};

function blockedBy(readiness: MigrationReadinessItem[], id: MigrationStepId): string | undefined {
  const open = readiness.filter(
    r => NEEDS[id].includes(r.id) && (r.state === 'blocked' || r.state === 'unknown'),
  );
  if (open.length === 0) return undefined;
  return open.map(r => `${r.title} is ${r.state}: ${r.evidence}`).join(' ');
}

/** Facts the planner computed once and the steps share. */
export interface StepFacts {
  readiness: MigrationReadinessItem[];
  trustChange?: MigrationTrustChange;
  association?: MigrationAssociation;
  /** The role's trust already allows EKS Pod Identity for this service account. */
  podIdentityTrusted: boolean;
}

function trustStep(input: MigrationInput, facts: StepFacts): StepDraft {
  const draft = { id: 'add-trust-statement' as const, title: 'Add the EKS Pod Identity statement to the role\'s trust policy' };
  if (facts.podIdentityTrusted) {
    return { ...draft, done: true, reason: 'The trust policy allows pods.eks.amazonaws.com sts:AssumeRole and sts:TagSession for this cluster.' };
  }
  if (!input.role || !input.trustPolicy) {
    return { ...draft, done: false, reason: '', blockedBy: `Role ${input.binding.irsaRoleArn} was not read or its trust policy did not parse.` };
  }
  const change = facts.trustChange;
  return {
    ...draft,
    done: false,
    reason: 'Append the statement; the OIDC statements stay, so IRSA keeps working meanwhile.',
    ...(change
      ? {
          remediation: [
            { label: 'Trust policy JSON', language: 'json' as const, code: `${JSON.stringify(change.trustPolicy, null, 2)}\n` },
            {
              label: 'AWS CLI',
              language: 'shell' as const,
              code: `aws iam update-assume-role-policy --role-name ${change.roleName} --policy-document file://trust-policy.json`,
            },
          ],
        }
      : {}),
  };
}

function associationStep(input: MigrationInput, facts: StepFacts): StepDraft {
  const draft = { id: 'create-association' as const, title: 'Create the EKS Pod Identity association' };
  const roleArn = input.binding.irsaRoleArn ?? '';
  const own = input.binding.associations.find(a => a.roleArn === roleArn || a.targetRoleArn === roleArn);
  if (own) {
    return { ...draft, done: true, reason: `Association ${own.associationId ?? ''} binds the service account to ${own.roleArn}.`.replace('  ', ' ') };
  }
  if (!input.associationsKnown) {
    return { ...draft, done: false, reason: '', blockedBy: `The Pod Identity associations of cluster ${input.cluster.name} could not be read.` };
  }
  const other = input.binding.associations[0];
  if (other) {
    return {
      ...draft,
      done: false,
      reason: '',
      blockedBy: `An association already binds the service account to another role (${other.roleArn}); EKS allows one per service account.`,
    };
  }
  const a = facts.association;
  return {
    ...draft,
    done: false,
    reason: 'New pods then take Pod Identity; running pods keep IRSA until restarted.',
    ...(a
      ? {
          remediation: [
            {
              label: 'AWS CLI',
              language: 'shell' as const,
              code: [
                `aws eks create-pod-identity-association --cluster-name ${a.eksClusterName} \\`,
                `  --namespace ${a.namespace} --service-account ${a.serviceAccount} --role-arn ${a.roleArn}`,
              ].join('\n'),
            },
          ],
        }
      : {}),
  };
}

function restartStep(input: MigrationInput): StepDraft {
  const draft = { id: 'restart-pods' as const, title: 'Restart the pods' };
  const pods = input.pods;
  const remediation = renderRemediation({
    kind: 'restart-workloads',
    namespace: input.serviceAccount.namespace,
    workloads: pods?.workloads ?? [],
  });
  if (!pods) return { ...draft, done: false, reason: 'The running pods are unknown.', remediation };
  if (pods.podCount === 0) {
    return { ...draft, done: false, reason: 'No pods are running: pods started after the association take Pod Identity.', remediation };
  }
  if (pods.podIdentityEnvCount === pods.podCount) {
    return { ...draft, done: true, reason: `All ${pods.podCount} running pods carry the Pod Identity credentials environment.` };
  }
  return {
    ...draft,
    done: false,
    reason: `${pods.podCount - pods.podIdentityEnvCount} of ${pods.podCount} running pods were started without Pod Identity; the webhook only changes pods when they are created.`,
    remediation,
  };
}

function verifyStep(input: MigrationInput, facts: StepFacts): StepDraft {
  const draft = { id: 'verify-pods' as const, title: 'Verify the pods use EKS Pod Identity' };
  const effective = input.effectiveIdentity;
  if (effective.basis === 'observed-pods' && effective.source === 'pod-identity' && facts.podIdentityTrusted) {
    return { ...draft, done: true, reason: effective.explanation };
  }
  if (effective.basis !== 'observed-pods') return { ...draft, done: false, reason: 'No running pods to verify yet.' };
  return {
    ...draft,
    done: false,
    reason:
      effective.source === 'pod-identity'
        ? `The pods use EKS Pod Identity, but the role does not trust pods.eks.amazonaws.com yet: ${effective.explanation}`
        : `Not on EKS Pod Identity yet: ${effective.explanation}`,
  };
}

function annotationStep(input: MigrationInput): StepDraft {
  const draft = { id: 'remove-annotation' as const, title: 'Remove the eks.amazonaws.com/role-arn annotation' };
  if (!input.binding.irsaRoleArn) {
    return { ...draft, done: true, reason: 'The service account has no IRSA annotation any more.' };
  }
  return {
    ...draft,
    done: false,
    reason: 'Once the pods are verified on Pod Identity the annotation only keeps the old path alive.',
    remediation: renderRemediation({
      kind: 'remove-irsa-annotation',
      namespace: input.serviceAccount.namespace,
      serviceAccount: input.serviceAccount.name,
    }),
  };
}

/**
 * Who relies on the OIDC statements that admit this service account over IRSA: the statements
 * (by index) and the other subjects they also admit. `undefined` when no OIDC statement admits
 * it any more. The one rule behind step 6 and the change that removes the statements.
 * @public
 */
export function oidcReliance(input: MigrationInput): { own: string; statementIndices: number[]; others: string[] } | undefined {
  const trust = input.irsaTrust;
  if (!trust || !trust.allowed) return undefined;
  const own = serviceAccountSubject({ namespace: input.serviceAccount.namespace, name: input.serviceAccount.name });
  const others: string[] = [];
  const statementIndices: number[] = [];
  for (const trace of trust.deciding.filter(t => t.applies && t.effect === 'Allow')) {
    statementIndices.push(trace.index);
    const statement = input.trustPolicy?.statements.find(s => s.index === trace.index);
    const patterns = subPatterns(statement).filter(p => p !== own);
    if (patterns.length > 0 || subPatterns(statement).length === 0) {
      others.push(`statement ${trace.index} also admits ${patterns.length > 0 ? patterns.join(', ') : 'every service account (no sub condition)'}`);
    }
  }
  return { own, statementIndices, others };
}

function oidcStep(input: MigrationInput): StepDraft {
  const draft = { id: 'remove-oidc-statement' as const, title: 'Remove the OIDC trust statement', optional: true };
  const reliance = oidcReliance(input);
  if (!reliance) {
    return { ...draft, done: true, reason: 'No OIDC statement of the trust admits this service account any more.' };
  }
  const { own, others } = reliance;
  if (others.length > 0) {
    return {
      ...draft,
      done: false,
      reason: '',
      blockedBy: `Other subjects rely on the OIDC statement: ${others.join('; ')}. Remove only ${own} from its sub condition.`,
    };
  }
  return { ...draft, done: false, reason: `Only ${own} relies on the OIDC statement: it can go once the annotation is removed.` };
}

function stateOf(done: boolean, blocker: string | undefined, earlierOpen: boolean): MigrationStep['state'] {
  if (done) return 'done';
  if (blocker) return 'blocked';
  return earlierOpen ? 'pending' : 'next';
}

/**
 * The ordered steps of the migration with their states: each step is a change that keeps the
 * workload working (EKS User Guide, "Migrate from IRSA to EKS Pod Identity": the association
 * wins over the annotation for new pods, so the trust is extended first and the IRSA path is
 * removed last). A step is `done` when the inventory shows it, `blocked` when a readiness item
 * it needs is blocked or unknown, the first open step is `next`, later ones `pending`.
 *
 * @public
 */
export function planMigrationSteps(input: MigrationInput, facts: StepFacts): MigrationStep[] {
  const drafts = [
    trustStep(input, facts),
    associationStep(input, facts),
    restartStep(input),
    verifyStep(input, facts),
    annotationStep(input),
    oidcStep(input),
  ];
  let earlierOpen = false;
  return drafts.map((draft, i): MigrationStep => {
    const blocker = draft.done ? undefined : draft.blockedBy ?? blockedBy(facts.readiness, draft.id);
    const state = stateOf(draft.done, blocker, earlierOpen);
    if (!draft.done && !draft.optional) earlierOpen = true;
    return {
      id: draft.id,
      order: i + 1,
      title: draft.title,
      state,
      reason: blocker ?? draft.reason,
      ...(draft.optional ? { optional: true } : {}),
      ...(state !== 'done' && draft.remediation?.length ? { remediation: draft.remediation } : {}),
    };
  });
}
