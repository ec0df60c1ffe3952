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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCOUNT,
  ISSUER,
  oidcProvider,
  podIdentityStatement,
} from '../__fixtures__/exampleCluster';
import { planRoleRequest, withExistingRole } from '../generate/planRoleRequest';
import { RoleRequestDirectory } from '../generate/requestDirectory';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { irsaTrustPolicy } from '../testing';
import { podIdentityInventoryFindings } from './podIdentityInventoryChecks';
import {
  checkRegistry,
  checksNotComputableOffline,
  implementedChecks,
} from './registry';
import { assessRoleTrust, buildRoleListItem } from '../roles/roleListItem';
import { CheckSurface, checksNotDecidedIn } from './surfaces';

// Which checks a surface runs is observed, not declared: every check's run function is watched
// while the surface's own entry points (the report builder, the request planner) do their work.
const allChecks = implementedChecks;

function checksRunBy(work: () => void): Set<string> {
  const ran = new Set<string>();
  const spies = allChecks.map(check => {
    const run = check.run;
    return jest.spyOn(check, 'run').mockImplementation(context => {
      ran.add(check.id);
      return run.call(check, context);
    });
  });
  try {
    work();
  } finally {
    spies.forEach(s => s.mockRestore());
  }
  return ran;
}

const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;
const directory: RoleRequestDirectory = {
  accountIds: [ACCOUNT],
  clusters: [
    {
      name: 'prod',
      accountId: ACCOUNT,
      region: 'eu-west-1',
      issuer: `https://${ISSUER}`,
    },
  ],
};
const draft = {
  entityRef: 'component:default/reports',
  roleName: 'reports-s3',
  clusters: ['prod'],
  namespace: 'reports',
  serviceAccount: 'reports',
  access: [{ resource: 'arn:aws:s3:::reports-bucket', accessLevel: 'read' }],
};

/**
 * The scaffolder's `aws-identity:role:plan`: both bindings, Pod Identity with the association
 * options a request may choose (EKS `CreatePodIdentityAssociation`: a target role, or a session
 * policy, which requires `disableSessionTags`), and the re-check against a live role.
 */
function runPlan() {
  const drafts = [
    { ...draft, binding: 'irsa' },
    { ...draft, binding: 'pod-identity' },
    {
      ...draft,
      binding: 'pod-identity',
      access: [],
      targetRoleArn: 'arn:aws:iam::444455556666:role/reports-target',
    },
    {
      ...draft,
      binding: 'pod-identity',
      disableSessionTags: true,
      sessionPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::reports-bucket/*',
          },
        ],
      },
    },
  ];
  for (const request of drafts) {
    const result = planRoleRequest(request, directory);
    if (!result.ok) throw new Error(result.error);
    withExistingRole(result.plan, { arn: result.plan.roleArn, tags: {} });
  }
}

/** The portal: GET /identity's report for a service account bound both ways, and the request API's plan. */
function runPortal() {
  const irsaRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/reports`,
    name: 'reports',
    accountId: ACCOUNT,
    trustPolicy: irsaTrustPolicy({
      accountId: ACCOUNT,
      issuerHostPath: ISSUER,
      subject: 'system:serviceaccount:reports:reports',
    }),
    permissionPolicies: [],
  };
  const podRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/reports-pod`,
    name: 'reports-pod',
    accountId: ACCOUNT,
    trustPolicy: { Version: '2012-10-17', Statement: [podIdentityStatement()] },
    permissionPolicies: [],
  };
  const association = {
    cluster: 'prod',
    namespace: 'reports',
    serviceAccount: 'reports',
    roleArn: podRole.arn,
    targetRoleArn: `arn:aws:iam::444455556666:role/reports-target`,
  };
  buildIdentityReport({
    cluster: {
      name: 'prod',
      accountId: ACCOUNT,
      region: 'eu-west-1',
      arn: CLUSTER_ARN,
      issuer: `https://${ISSUER}`,
    },
    serviceAccount: {
      cluster: 'prod',
      namespace: 'reports',
      name: 'reports',
      annotations: { 'eks.amazonaws.com/role-arn': irsaRole.arn },
    },
    roles: [irsaRole, podRole],
    oidcProviders: [oidcProvider()],
    podIdentityAssociations: [association],
  });
  // The organisation findings: associations against each cluster's service-account inventory.
  podIdentityInventoryFindings({
    associations: [association],
    inventories: new Map([
      [
        'prod',
        { complete: true, serviceAccounts: new Set(['reports/reports']) },
      ],
    ]),
  });
  // The roles page (GET /roles): one row per role with its trust, owner and use.
  for (const role of [irsaRole, podRole]) {
    buildRoleListItem(role, {
      assessment: assessRoleTrust(role, {
        oidcProviders: [oidcProvider()],
        knownIssuers: [ISSUER],
      }),
      bindings: [],
      boundEntities: [],
      now: new Date('2026-06-01T00:00:00Z'),
      unusedAfterDays: 90,
    });
  }
  runPlan();
}

const surfaces: Record<CheckSurface, (() => void) | undefined> = {
  portal: runPortal,
  'scaffolder-plan': runPlan,
  // The CLI's commands are exercised by packages/cli/src/checkSurfaces.test.ts against the same list.
  cli: undefined,
};

describe('the check registry in every surface', () => {
  it.each(
    Object.entries(surfaces).filter(([, run]) => run) as Array<
      [CheckSurface, () => void]
    >,
  )(
    '%s runs every check of the registry but the ones it lists as not decided there (with the reason)',
    (surface, run) => {
      const ran = checksRunBy(run);
      const listed = new Map(
        checksNotDecidedIn[surface].map(c => [c.id, c.reason]),
      );
      const neither = checkRegistry
        .map(c => c.id)
        .filter(id => !ran.has(id) && !listed.has(id));
      expect({ surface, neither }).toEqual({ surface, neither: [] });
    },
  );

  it('lists only checks of the registry, each once and with a reason', () => {
    const ids = new Set(checkRegistry.map(c => c.id));
    for (const [surface, listed] of Object.entries(checksNotDecidedIn)) {
      expect({
        surface,
        unknown: listed.filter(c => !ids.has(c.id)).map(c => c.id),
      }).toEqual({ surface, unknown: [] });
      expect(new Set(listed.map(c => c.id)).size).toBe(listed.length);
      for (const { reason } of listed)
        expect(reason.length).toBeGreaterThan(40);
    }
  });

  it('the portal decides every check of the registry', () => {
    expect(checksNotDecidedIn.portal).toEqual([]);
  });

  it("the README's 'not computable' list is the registry's checksNotComputableOffline, none of which the engine implements", () => {
    const readme = readFileSync(
      join(__dirname, '../../../../README.md'),
      'utf8',
    );
    const line =
      /Not computable from IAM documents and Kubernetes objects, so not checked: ([^(]+)\(/.exec(
        readme.replace(/\n\s*/g, ' '),
      );
    expect(line).not.toBeNull();
    const named = line![1]
      .split(/,\s*/)
      .map(s => s.trim())
      .filter(Boolean)
      .flatMap(expandRange);
    expect(named.sort()).toEqual(
      checksNotComputableOffline.map(c => c.id).sort(),
    );
    const implemented = new Set(checkRegistry.map(c => c.id));
    expect(
      checksNotComputableOffline.filter(c => implemented.has(c.id)),
    ).toEqual([]);
  });
});

/** `IRSA-N01–N03` → IRSA-N01, IRSA-N02, IRSA-N03; a single id stays as it is. */
function expandRange(text: string): string[] {
  const range = /^(.*?)(\d+)[–-][A-Z]*(\d+)$/.exec(text);
  if (!range) return [text];
  const [, prefix, from, to] = range;
  return Array.from(
    { length: Number(to) - Number(from) + 1 },
    (_, i) => `${prefix}${String(Number(from) + i).padStart(from.length, '0')}`,
  );
}
