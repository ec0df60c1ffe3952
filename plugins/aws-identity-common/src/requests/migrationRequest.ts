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
  ClusterServiceAccountRef,
  MigrationRequestInput,
  MigrationRequestPlan,
  MigrationRequestTarget,
  MigrationTargetProgress,
} from '../api/requests';
import { bySeverity, Finding } from '../domain/types';
import { riskOf } from '../generate/planRoleRequest';
import { MigrationPlan, MigrationStepId } from '../migration/types';
import { quote } from '../parse/result';
import { IdentityReport } from '../report/types';

/**
 * The most service accounts one migration request moves (one pull request stays reviewable).
 * @public
 */
export const MAX_MIGRATION_TARGETS = 50;

/** Kubernetes names: DNS labels and subdomains, at most 253 characters. */
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** Cluster names as the Kubernetes plugin's configuration has them. */
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The outcome of {@link planMigrationRequest}: the plan, or the first field that is wrong and
 * why (the backend answers 400 with it).
 * @public
 */
export type MigrationRequestResult =
  | { ok: true; plan: MigrationRequestPlan }
  | { ok: false; field: string; error: string };

/** The steps a migration request delivers (the pull request); the later ones are tracked. */
const DELIVERED_STEPS: readonly MigrationStepId[] = ['add-trust-statement', 'create-association'];

/** The steps whose being done makes the delivered change `live`. */
const LIVE_STEPS: readonly MigrationStepId[] = DELIVERED_STEPS;

/** The steps whose being done makes the migration `verified`: the pods use Pod Identity. */
const VERIFIED_STEPS: readonly MigrationStepId[] = ['add-trust-statement', 'create-association', 'restart-pods', 'verify-pods'];

function refText(ref: ClusterServiceAccountRef): string {
  return `${ref.cluster}/${ref.namespace}/${ref.name}`;
}

function sameServiceAccount(report: IdentityReport, ref: ClusterServiceAccountRef): boolean {
  const sa = report.serviceAccount;
  return sa.cluster === ref.cluster && sa.namespace === ref.namespace && sa.name === ref.name;
}

function parseTargets(value: unknown): { ok: true; refs?: ClusterServiceAccountRef[] } | { ok: false; field: string; error: string } {
  if (value === undefined) return { ok: true };
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_MIGRATION_TARGETS) {
    return { ok: false, field: 'serviceAccounts', error: `must be a list of 1–${MAX_MIGRATION_TARGETS} service accounts, or absent for all of the entity's` };
  }
  const refs: ClusterServiceAccountRef[] = [];
  for (const [i, item] of value.entries()) {
    const field = `serviceAccounts[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { ok: false, field, error: 'must be an object with cluster, namespace and name' };
    }
    const { cluster, namespace, name, ...rest } = item as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) return { ok: false, field: `${field}.${extra.slice(0, 40)}`, error: 'is not a field of a service account reference' };
    if (typeof cluster !== 'string' || !CLUSTER_NAME.test(cluster)) return { ok: false, field: `${field}.cluster`, error: 'must be a cluster name' };
    for (const [key, v] of [['namespace', namespace], ['name', name]] as const) {
      if (typeof v !== 'string' || !KUBERNETES_NAME.test(v)) {
        return { ok: false, field: `${field}.${key}`, error: 'must be a Kubernetes name (lower case letters, digits, - and .)' };
      }
    }
    const ref = { cluster, namespace: namespace as string, name: name as string };
    if (refs.some(r => refText(r) === refText(ref))) return { ok: false, field, error: `${quote(refText(ref))} is listed twice` };
    refs.push(ref);
  }
  return { ok: true, refs };
}

/**
 * Why the service account's live plan cannot be requested now, or `undefined` when it can: it is
 * migrated, a readiness item is blocked or unknown (named with its evidence), a delivered step
 * is blocked, or there is nothing left to deliver.
 */
function unrequestable(plan: MigrationPlan): string | undefined {
  if (plan.status === 'migrated') return 'is already migrated to EKS Pod Identity';
  const failing = plan.readiness.find(r => r.state === 'blocked' || r.state === 'unknown');
  if (failing) return `is not ready to migrate: ${failing.title} is ${failing.state} (${failing.evidence})`;
  const blocked = plan.steps.find(s => DELIVERED_STEPS.includes(s.id) && s.state === 'blocked');
  if (blocked) return `cannot migrate: step ${blocked.order} (${blocked.title}) is blocked: ${blocked.reason}`;
  if (!plan.association && !plan.steps.some(s => s.id === 'create-association' && s.state === 'done')) {
    return 'cannot migrate: the EKS name of its cluster is unknown, so no association can be planned';
  }
  if (plan.steps.filter(s => DELIVERED_STEPS.includes(s.id)).every(s => s.state === 'done')) {
    return 'has its trust statement and association already: restart its pods to finish the migration';
  }
  return undefined;
}

/**
 * Validates a migration request against the live reports of its entity and plans it. The
 * requester names only the entity and, optionally, which of its service accounts; what the role
 * will trust and which association is created come from the engine's plan of each report
 * (`report.migration`), never from the request. With no service accounts named, every
 * IRSA-bound one of the entity that is not migrated yet is moved, and each must be ready.
 *
 * @param input - the `request` of the envelope, unchecked.
 * @param entityRef - the entity ref of the input, already validated and canonical.
 * @param reports - the live reports of the entity's service accounts.
 * @public
 */
export function planMigrationRequest(
  input: unknown,
  entityRef: string,
  reports: readonly IdentityReport[],
): MigrationRequestResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, field: 'request', error: 'must be an object' };
  }
  const { serviceAccounts, entityRef: _entityRef, ...rest } = input as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) return { ok: false, field: extra.slice(0, 40), error: 'is not a field of a migration request (entityRef, serviceAccounts)' };
  const parsed = parseTargets(serviceAccounts);
  if (!parsed.ok) return parsed;
  const targets: MigrationRequestTarget[] = [];
  if (parsed.refs) {
    for (const [i, ref] of parsed.refs.entries()) {
      const field = `serviceAccounts[${i}]`;
      const report = reports.find(r => sameServiceAccount(r, ref));
      if (!report) return { ok: false, field, error: `${quote(refText(ref))} is not a service account of ${entityRef} in the inventory` };
      if (!report.migration) {
        return { ok: false, field, error: `${quote(refText(ref))} is not bound with IRSA (no valid eks.amazonaws.com/role-arn annotation)` };
      }
      const problem = unrequestable(report.migration);
      if (problem) return { ok: false, field, error: `${quote(refText(ref))} ${problem}` };
      targets.push({ serviceAccount: ref, plan: report.migration });
    }
  } else {
    const candidates = reports.filter(r => r.migration && r.migration.status !== 'migrated');
    if (candidates.length === 0) {
      return { ok: false, field: 'entityRef', error: `${entityRef} has no IRSA-bound service account left to migrate` };
    }
    if (candidates.length > MAX_MIGRATION_TARGETS) {
      return { ok: false, field: 'entityRef', error: `${entityRef} has ${candidates.length} service accounts to migrate; name at most ${MAX_MIGRATION_TARGETS} in serviceAccounts` };
    }
    for (const report of candidates) {
      const ref = { ...report.serviceAccount };
      const problem = unrequestable(report.migration!);
      if (problem) return { ok: false, field: 'entityRef', error: `${quote(refText(ref))} ${problem}` };
      targets.push({ serviceAccount: ref, plan: report.migration! });
    }
  }
  const findings = dedupeFindings(targets.flatMap(t => reports.find(r => sameServiceAccount(r, t.serviceAccount))?.findings ?? []));
  const validated: MigrationRequestInput = { entityRef, ...(parsed.refs ? { serviceAccounts: parsed.refs } : {}) };
  return { ok: true, plan: { input: validated, targets, findings, risk: riskOf(findings) } };
}

function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.id}\u0000${JSON.stringify(finding.subject)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(finding);
  }
  return unique.sort(bySeverity);
}

/**
 * The live progress of each target of a migration request: the steps of its plan in the
 * current report, or `unknown` with no steps when the service account left the inventory (a
 * fault degrades that target, never the others).
 * @public
 */
export function migrationRequestProgress(
  plan: MigrationRequestPlan,
  reports: readonly IdentityReport[],
): MigrationTargetProgress[] {
  return plan.targets.map(target => {
    const live = reports.find(r => sameServiceAccount(r, target.serviceAccount))?.migration;
    if (live) return { serviceAccount: target.serviceAccount, status: live.status, steps: live.steps };
    const annotationGone = reports.some(r => sameServiceAccount(r, target.serviceAccount));
    // A report without a migration plan: the annotation is gone, so the migration is complete.
    return annotationGone
      ? { serviceAccount: target.serviceAccount, status: 'migrated' as const, steps: [] }
      : { serviceAccount: target.serviceAccount, status: 'unknown' as const, steps: [] };
  });
}

/**
 * How far the live inventory has taken a delivered migration: `merged` (the trust statement or
 * the association is not live yet), `live` (both are, the pods are not verified on Pod Identity
 * yet) or `verified`; with what is still missing, one sentence per target and step.
 * @public
 */
export function migrationRequestStage(progress: readonly MigrationTargetProgress[]): {
  stage: 'merged' | 'live' | 'verified';
  missing: string[];
} {
  const missing = (steps: readonly MigrationStepId[]) =>
    progress.flatMap(p => {
      if (p.status === 'migrated') return [];
      if (p.status === 'unknown' && p.steps.length === 0) return [`${refText(p.serviceAccount)} is not in the inventory`];
      return p.steps
        .filter(s => steps.includes(s.id) && s.state !== 'done')
        .map(s => `${refText(p.serviceAccount)}: step ${s.order} (${s.title}) is not done: ${s.reason}`);
    });
  const notLive = missing(LIVE_STEPS);
  if (notLive.length > 0) return { stage: 'merged', missing: notLive };
  const notVerified = missing(VERIFIED_STEPS);
  if (notVerified.length > 0) return { stage: 'live', missing: notVerified };
  return { stage: 'verified', missing: [] };
}

/**
 * The targets whose IRSA path can be removed now: the pods are verified on Pod Identity and the
 * annotation (step 5) is still there. The follow-up change removes the annotation and, where
 * the plan's step 6 is open (no other subject relies on it), the OIDC trust statement.
 * @public
 */
export function annotationRemovalTargets(progress: readonly MigrationTargetProgress[]): MigrationTargetProgress[] {
  return progress.filter(p => {
    const verified = p.steps.find(s => s.id === 'verify-pods')?.state === 'done';
    const annotation = p.steps.find(s => s.id === 'remove-annotation');
    return verified && annotation !== undefined && annotation.state !== 'done';
  });
}
