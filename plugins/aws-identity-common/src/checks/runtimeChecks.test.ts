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
import { ACCOUNT, ISSUER, ROLE } from '../__fixtures__/exampleCluster';
import { emptyPodAggregate, PodAggregate, PodIdentityAssociation } from '../domain/types';
import { BindingCheckContext } from './bindingChecks';
import { runtimeChecks } from './runtimeChecks';
import { runChecks } from './types';

const CLUSTER = {
  name: 'prod',
  accountId: ACCOUNT,
  issuer: `https://${ISSUER}`,
  arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
};
const ANNOTATED_AT = '2026-02-01T12:00:00Z';
const ASSOCIATION: PodIdentityAssociation = {
  associationId: 'a-123',
  cluster: 'prod',
  namespace: 'app',
  serviceAccount: 'api',
  roleArn: ROLE,
  createdAt: '2026-02-01T12:00:00.000Z',
  modifiedAt: '2026-02-10T12:00:00.000Z',
};

function context(
  pods: Partial<PodAggregate>,
  over: { irsa?: boolean; associations?: PodIdentityAssociation[]; annotations?: Record<string, string> } = {},
): BindingCheckContext {
  const irsa = over.irsa ?? over.associations === undefined;
  return {
    cluster: CLUSTER,
    serviceAccount: {
      cluster: 'prod',
      namespace: 'app',
      name: 'api',
      annotations: { ...(irsa ? { 'eks.amazonaws.com/role-arn': ROLE } : {}), ...over.annotations },
      ...(irsa ? { roleArnAnnotatedAt: ANNOTATED_AT } : {}),
    },
    pods: emptyPodAggregate({ podCount: 3, workloads: ['Deployment/api'], ...pods }),
    annotatedRoleArn: irsa ? ROLE : undefined,
    associations: over.associations ?? [],
  };
}
const findings = (ctx: BindingCheckContext) =>
  runChecks(runtimeChecks, ctx, { kind: 'service-account', ref: 'prod/app/api' });
const ids = (ctx: BindingCheckContext) => findings(ctx).map(f => f.id);

describe('RUN-01 injection skipped', () => {
  it('fires when uninjected pods were created after the role annotation was written', () => {
    const [finding] = findings(
      context({
        uninjected: { count: 3, oldestCreatedAt: '2026-02-02T00:00:00.000Z', newestCreatedAt: '2026-02-03T00:00:00.000Z' },
      }),
    );
    expect(finding).toMatchObject({ id: 'RUN-01', severity: 'high', failMode: 'closed' });
    expect(finding.message).toContain('all were created after the binding');
    expect(finding.message).toContain("managedFields");
  });

  it('stays quiet when every uninjected pod started before the binding (IRSA-B04: restart)', () => {
    expect(
      ids(context({ uninjected: { count: 2, oldestCreatedAt: '2026-01-01T00:00:00.000Z', newestCreatedAt: '2026-01-31T00:00:00.000Z' } })),
    ).not.toContain('RUN-01');
  });

  it('says which pods are which when some started before and some after', () => {
    const [finding] = findings(
      context({ uninjected: { count: 2, oldestCreatedAt: '2026-01-01T00:00:00.000Z', newestCreatedAt: '2026-02-05T00:00:00.000Z' } }),
    );
    expect(finding.message).toContain('the oldest before it');
  });

  it("uses the association's createdAt for Pod Identity, not its modifiedAt", () => {
    // Created before the pod, modified after it: the webhook had the association at CREATE.
    const [finding] = findings(
      context(
        { uninjected: { count: 1, oldestCreatedAt: '2026-02-05T00:00:00.000Z', newestCreatedAt: '2026-02-05T00:00:00.000Z' } },
        { associations: [ASSOCIATION] },
      ),
    );
    expect(finding.message).toContain('association a-123 was created at 2026-02-01T12:00:00.000Z (EKS createdAt)');
  });

  it('says nothing without evidence of the binding time', () => {
    const ctx = context({ uninjected: { count: 1, oldestCreatedAt: '2026-03-01T00:00:00.000Z', newestCreatedAt: '2026-03-01T00:00:00.000Z' } });
    delete ctx.serviceAccount.roleArnAnnotatedAt;
    expect(ids(ctx)).toEqual([]);
  });
});

describe('RUN-02 / RUN-03 Pod Identity where it cannot work', () => {
  it('flags hostNetwork and Fargate pods of a Pod Identity service account', () => {
    expect(ids(context({ hostNetworkPodCount: 1, fargatePodCount: 2 }, { associations: [ASSOCIATION] }))).toEqual([
      'RUN-02',
      'RUN-03',
    ]);
  });

  it('leaves IRSA alone there: the web identity token works on Fargate and the host network', () => {
    expect(ids(context({ hostNetworkPodCount: 1, fargatePodCount: 2 }))).toEqual([]);
  });
});

describe('RUN-04 shadowing credentials', () => {
  it('says that static keys from an envFrom Secret win over the role', () => {
    const [finding] = findings(
      context({ credentialSources: [{ variable: 'AWS_ACCESS_KEY_ID', via: 'env-from-secret', source: 'legacy-creds', podCount: 3 }] }),
    );
    expect(finding).toMatchObject({ id: 'RUN-04', severity: 'high' });
    expect(finding.message).toContain('Secret legacy-creds (envFrom)');
    expect(finding.message).toContain('win over the IRSA web identity');
  });

  it('tells a literal variable from a secretKeyRef', () => {
    const messages = findings(
      context({
        credentialSources: [
          { variable: 'AWS_ACCESS_KEY_ID', via: 'literal', podCount: 1 },
          { variable: 'AWS_SECRET_ACCESS_KEY', via: 'secret-key', source: 'aws-keys', podCount: 1 },
        ],
      }),
    ).map(f => f.message);
    expect(messages[0]).toContain('written into the pod spec');
    expect(messages[1]).toContain('Secret aws-keys (valueFrom.secretKeyRef)');
  });

  it('rates a credentials file under IRSA as SDK-dependent, under Pod Identity as winning', () => {
    const mount = { credentialSources: [{ variable: '/root/.aws', via: 'file-mount' as const, podCount: 1 }] };
    expect(findings(context(mount))[0].severity).toBe('medium');
    expect(findings(context(mount, { associations: [ASSOCIATION] }))[0].severity).toBe('high');
  });

  it('reports a Secret whose keys could not be read as a limitation, never as "no shadowing"', () => {
    const [finding] = findings(
      context({ unreadableEnvSources: [{ kind: 'Secret', name: 'legacy-creds', reason: 'forbidden' }] }),
    );
    expect(finding).toMatchObject({ id: 'RUN-04', severity: 'info' });
    expect(finding.message).toContain("Could not read Secret legacy-creds's keys");
  });
});

describe('RUN-05 / RUN-06 projected tokens', () => {
  it('flags an IRSA token whose audience is not the annotated or default one', () => {
    const tokens = [{ volume: 'aws-iam-token', audience: 'vault', expirationSeconds: 86400, podCount: 3 }];
    expect(ids(context({ serviceAccountTokens: tokens }))).toEqual(['RUN-05']);
    expect(
      ids(context({ serviceAccountTokens: tokens }, { annotations: { 'eks.amazonaws.com/audience': 'vault' } })),
    ).toEqual([]);
  });

  it('expects pods.eks.amazonaws.com on the Pod Identity token', () => {
    const tokens = [{ volume: 'eks-pod-identity-token', audience: 'sts.amazonaws.com', podCount: 1 }];
    expect(ids(context({ serviceAccountTokens: tokens }, { associations: [ASSOCIATION] }))).toEqual(['RUN-05']);
  });

  it('flags lifetimes below the Kubernetes minimum of 600 s or above the EKS maximum of 86400 s', () => {
    const token = (expirationSeconds: number) => [
      { volume: 'aws-iam-token', audience: 'sts.amazonaws.com', expirationSeconds, podCount: 1 },
    ];
    expect(ids(context({ serviceAccountTokens: token(300) }))).toEqual(['RUN-06']);
    expect(ids(context({ serviceAccountTokens: token(172800) }))).toEqual(['RUN-06']);
    expect(ids(context({ serviceAccountTokens: token(600) }))).toEqual([]);
  });
});
