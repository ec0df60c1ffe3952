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
/* eslint-disable jest/no-conditional-expect -- one loop walks every rendered file of every golden set, and each file kind (HCL, YAML) has its own structural checks */
import { parse as parseHcl } from '@cdktf/hcl2json';
import {
  hclString,
  IAC_FORMATS,
  planRoleRequest,
  renderPlan,
  RolePlan,
  RoleRequestDraft,
} from '@internal/plugin-aws-identity-common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { testDirectory, validInput, WEST_ISSUER } from '../__testUtils__/fixtures';

const GOLDEN = join(__dirname, '__golden__');
const directory = {
  ...testDirectory,
  clusters: testDirectory.clusters.map(c => (c.name === 'sandbox-west' ? { ...c, issuer: WEST_ISSUER } : c)),
};

function planOf(draft: RoleRequestDraft): RolePlan {
  const result = planRoleRequest(draft, directory);
  if (!result.ok) throw new Error(`${result.field}: ${result.error}`);
  return result.plan;
}

const variants: Record<string, RoleRequestDraft> = {
  irsa: validInput,
  'irsa-multi-cluster': { ...validInput, clusters: ['sandbox-east', 'sandbox-west'] },
  'pod-identity': { ...validInput, binding: 'pod-identity' },
  // EKS Pod Identity target role: the requested role only assumes the target, which grants access.
  'pod-identity-target-role': {
    ...validInput,
    binding: 'pod-identity',
    access: [],
    targetRoleArn: 'arn:aws:iam::444455556666:role/reports-archive',
  },
  // A session policy narrows the role to reads; EKS accepts it only with session tags disabled.
  'pod-identity-session-policy': {
    ...validInput,
    binding: 'pod-identity',
    disableSessionTags: true,
    sessionPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' }],
    }),
  },
};

/** The association options a plan carries, as each format must show them. */
function expectAssociationOptions(plan: RolePlan, fields: Record<string, unknown> | undefined, names: [string, string, string]) {
  const [target, tags, policy] = names;
  const { targetRoleArn, disableSessionTags, sessionPolicy } = plan.input;
  if (targetRoleArn === undefined && disableSessionTags === undefined && sessionPolicy === undefined) return;
  expect(fields?.[target]).toEqual(targetRoleArn);
  expect(fields?.[tags]).toEqual(disableSessionTags);
  if (sessionPolicy === undefined) expect(fields?.[policy]).toBeUndefined();
  else expect(JSON.parse(fields?.[policy] as string)).toEqual(JSON.parse(sessionPolicy));
}

function formatsFor(variant: string) {
  return IAC_FORMATS.filter(f => !(f === 'eksctl' && variant === 'irsa-multi-cluster'));
}

/**
 * hcl2json answers in Terraform's JSON syntax, where strings are templates
 * too: decode `$${` / `%%{` and fail on any real interpolation or directive.
 */
function literalOf(template: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const rest = template.slice(i);
    if (rest.startsWith('$${') || rest.startsWith('%%{')) {
      out += `${rest[0]}{`;
      i += 2;
    } else if (rest.startsWith('${') || rest.startsWith('%{')) {
      throw new Error(`template sequence at ${i} in ${JSON.stringify(template)}`);
    } else out += template[i];
  }
  return out;
}

async function parseTerraform(content: string) {
  return (await parseHcl('main.tf', content)) as any;
}

describe('renderPlan golden files', () => {
  for (const [variant, draft] of Object.entries(variants)) {
    for (const format of formatsFor(variant)) {
      it(`${format} / ${variant} matches the golden files and parses`, async () => {
        const plan = planOf(draft);
        const files = renderPlan(plan, format);
        expect(renderPlan(plan, format)).toEqual(files); // deterministic
        for (const file of files) {
          const golden = join(GOLDEN, `${format}-${variant}`, file.path);
          if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
            mkdirSync(dirname(golden), { recursive: true });
            writeFileSync(golden, file.content);
          }
          expect(file.content).toBe(readFileSync(golden, 'utf8'));
          if (file.path.endsWith('.tf')) {
            const hcl = await parseTerraform(file.content);
            const [module] = Object.values(hcl.module)[0] as any[];
            expect(module.name).toBe(plan.input.roleName);
            const associations = Object.values(hcl.resource?.aws_eks_pod_identity_association ?? {}).flat() as any[];
            if (plan.input.targetRoleArn || plan.input.sessionPolicy || plan.input.disableSessionTags !== undefined) {
              // The module's associations map takes none of these: one resource per cluster does.
              expect(Object.keys(module.associations)).toEqual([]);
              expect(associations).toHaveLength(plan.input.clusters.length);
              for (const a of associations) {
                expect(a.target_role_arn).toEqual(plan.input.targetRoleArn);
                expect(a.disable_session_tags).toEqual(plan.input.disableSessionTags);
                if (plan.input.sessionPolicy) expect(a.policy).toMatch(/^\$\{jsonencode\(/);
              }
            } else {
              expect(associations).toEqual([]);
            }
            // Exclusive: what is attached by hand goes on the next apply (a restore puts the plan back whole).
            const [inline] = Object.values(hcl.resource.aws_iam_role_policies_exclusive).flat() as any[];
            const [attachments] = Object.values(hcl.resource.aws_iam_role_policy_attachments_exclusive).flat() as any[];
            if (plan.input.binding === 'irsa') {
              expect(inline.policy_names).toEqual([plan.input.roleName]);
              expect(attachments.policy_arns).toEqual([]);
            } else {
              expect(inline.policy_names).toEqual([]);
              expect(attachments.policy_arns).toEqual([expect.stringMatching(/^\$\{module\.pod_identity_[a-z0-9_]+\.iam_policy_arn\}$/)]);
            }
            if (plan.input.binding === 'irsa') {
              const providers = Object.values(module.oidc_providers) as any[];
              expect(providers.map(p => p.provider_arn)).toEqual(
                (plan.trustPolicy.document.Statement as any[]).map(s => s.Principal.Federated),
              );
              expect(Object.keys(module.inline_policy_permissions)).toEqual(
                (plan.permissionPolicy.document.Statement as any[]).map(s => s.Sid),
              );
            } else {
              expect(module.policy_statements.map((s: any) => s.resources)).toEqual(
                (plan.permissionPolicy.document.Statement as any[]).map(s => [s.Resource].flat()),
              );
            }
          }
          if (file.path.endsWith('.yaml')) {
            const docs = parseAllDocuments(file.content);
            for (const doc of docs) expect(doc.errors).toEqual([]);
            const objects = docs.map(d => d.toJS());
            const role = objects.find(o => o.kind === 'Role');
            const association = objects.find(o => o.kind === 'PodIdentityAssociation');
            if (association?.apiVersion === 'eks.services.k8s.aws/v1alpha1')
              expectAssociationOptions(plan, association.spec, ['targetRoleARN', 'disableSessionTags', 'policy']);
            if (association?.apiVersion === 'eks.aws.upbound.io/v1beta1')
              expectAssociationOptions(plan, association.spec.forProvider, ['targetRoleArn', 'disableSessionTags', 'policy']);
            const eksctl = objects.find(o => o.kind === 'ClusterConfig');
            if (eksctl?.iam?.podIdentityAssociations)
              expectAssociationOptions(plan, eksctl.iam.podIdentityAssociations[0], ['targetRoleARN', 'disableSessionTags', 'policy']);
            if (role?.apiVersion === 'iam.services.k8s.aws/v1alpha1') {
              expect(JSON.parse(role.spec.assumeRolePolicyDocument)).toEqual(plan.trustPolicy.document);
              expect(JSON.parse(role.spec.inlinePolicies[plan.input.roleName])).toEqual(plan.permissionPolicy.document);
            }
            if (role?.apiVersion === 'iam.aws.upbound.io/v1beta1') {
              expect(JSON.parse(role.spec.forProvider.assumeRolePolicy)).toEqual(plan.trustPolicy.document);
              const policy = objects.find(o => o.kind === 'RolePolicy');
              expect(JSON.parse(policy.spec.forProvider.policy)).toEqual(plan.permissionPolicy.document);
            }
          }
        }
      });
    }
  }

  it('renders every part of a permission statement in Terraform: NotAction, NotResource and conditions', async () => {
    for (const binding of ['irsa', 'pod-identity'] as const) {
      const plan = planOf({ ...validInput, binding });
      const statement = {
        Sid: 'FromVpce',
        Effect: 'Allow' as const,
        Action: 's3:GetObject',
        NotResource: 'arn:aws:s3:::secret/*',
        Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] }, Bool: { 'aws:SecureTransport': true } },
      };
      plan.permissionPolicy = { ...plan.permissionPolicy, document: { Version: '2012-10-17', Statement: [statement] } };
      const tf = renderPlan(plan, 'terraform').find(f => f.path.endsWith('.tf'))!;
      const [module] = Object.values((await parseTerraform(tf.content)).module)[0] as any[];
      const rendered = binding === 'irsa' ? module.inline_policy_permissions.FromVpce[0] ?? module.inline_policy_permissions.FromVpce : module.policy_statements[0];
      expect(rendered).toMatchObject({
        actions: ['s3:GetObject'],
        not_resources: ['arn:aws:s3:::secret/*'],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceVpce', values: ['vpce-1', 'vpce-2'] },
          { test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] },
        ],
      });
      expect(rendered.resources).toBeUndefined();
    }
  });

  it('refuses eksctl for a multi-cluster IRSA role', () => {
    expect(() => renderPlan(planOf(variants['irsa-multi-cluster']), 'eksctl')).toThrow(/^format: /);
  });
});

describe('injection safety', () => {
  const hostile = [
    'a"b',
    '${file("/etc/passwd")}',
    '%{ if true }x%{ endif }',
    '$${already}',
    'line1\nline2\r\n\t',
    'back\\slash\\"',
    '}\nresource "aws_iam_user" "evil" {',
    'key: value\n---\nkind: Secret',
    '\u2028\u0000\u007f',
    'ﬁ unicode ✓',
  ];

  it.each(hostile)('an HCL string round-trips exactly: %j', async value => {
    const hcl = await parseTerraform(`locals {\n  v = ${hclString(value)}\n}\n`);
    expect(literalOf(hcl.locals[0].v)).toBe(value);
  });

  it('hostile values inside a plan cannot break out of their field in any format', async () => {
    // Bypasses validation on purpose (defence in depth): every field a renderer writes gets a hostile value.
    const plan = planOf(validInput);
    const evil = '"}\n${var.x} %{x}\n---\nkind: Secret\nmetadata: {name: x}';
    plan.input = { ...plan.input, entityRef: `component:default/${evil}`, namespace: evil, serviceAccount: evil };
    for (const format of IAC_FORMATS) {
      for (const file of renderPlan(plan, format)) {
        if (file.path.endsWith('.tf')) {
          const hcl = await parseTerraform(file.content);
          expect(Object.keys(hcl)).toEqual(['module', 'output', 'resource']);
          expect(Object.keys(hcl.resource)).toEqual(['aws_iam_role_policies_exclusive', 'aws_iam_role_policy_attachments_exclusive']);
          const [module] = Object.values(hcl.module)[0] as any[];
          expect(literalOf(module.tags['backstage.io/entity-ref'])).toBe(`component:default/${evil}`);
        }
        if (file.path.endsWith('.yaml')) {
          const docs = parseAllDocuments(file.content).map(d => d.toJS());
          expect(docs.some(d => d?.kind === 'Secret')).toBe(false);
          expect(file.content).not.toMatch(/^kind: Secret/m);
        }
        if (file.path.endsWith('.json')) expect(() => JSON.parse(file.content)).not.toThrow();
      }
    }
  });
});
