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
  bothResponse,
  brokenResponse,
  notConfiguredResponse,
  riskyResponse,
} from '../../../__testUtils__/responses';
import { issuerOf, remediationFor } from './remediation';

describe('remediationFor', () => {
  it('pins sub and aud in the trust policy for a missing sub (IRSA-T01)', () => {
    const report = riskyResponse.serviceAccounts[0];
    const [json, terraform] = remediationFor(report.findings[0], { report });
    expect(json.label).toBe('Trust policy JSON');
    const document = JSON.parse(json.code);
    expect(document.Statement[0].Principal.Federated).toBe(
      'arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj',
    );
    expect(document.Statement[0].Condition.StringEquals).toEqual({
      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub':
        'system:serviceaccount:mc-missing-sub:report-generator',
      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud': 'sts.amazonaws.com',
    });
    expect(terraform.label).toBe('Terraform');
    expect(terraform.code).toContain(
      'resource "aws_iam_role" "mc_missing_sub"',
    );
    expect(terraform.code).toContain(
      '"system:serviceaccount:mc-missing-sub:report-generator"',
    );
  });

  it('creates the role first when it does not exist (IRSA-B02)', () => {
    const report = brokenResponse.serviceAccounts[0];
    const snippets = remediationFor(report.findings[0], { report });
    expect(snippets.map(s => s.label)).toEqual([
      'Terraform',
      'Trust policy JSON',
    ]);
    expect(snippets[0].code).toContain(
      'name               = "mc-role-does-not-exist"',
    );
  });

  it('removes static keys and binds a role with kubectl and Helm (IRSA-B05)', () => {
    const report = notConfiguredResponse.serviceAccounts[0];
    const [kubectl, helm] = remediationFor(report.findings[0], {
      report,
      selector: { kubernetesId: 'edgedelta-env-keys' },
    });
    expect(kubectl.code).toContain(
      'kubectl set env deployment,statefulset,daemonset -n edgedelta-env-keys -l backstage.io/kubernetes-id=edgedelta-env-keys AWS_ACCESS_KEY_ID- AWS_SECRET_ACCESS_KEY-',
    );
    expect(kubectl.code).toContain(
      'kubectl annotate serviceaccount edgedelta -n edgedelta-env-keys',
    );
    expect(helm.code).toBe(
      [
        'serviceAccount:',
        '  name: edgedelta',
        '  annotations:',
        '    eks.amazonaws.com/role-arn: arn:aws:iam::<ACCOUNT_ID>:role/<ROLE_NAME>',
      ].join('\n'),
    );
  });

  it('drops the IRSA annotation when both bindings exist (IRSA-B12)', () => {
    const report = bothResponse.serviceAccounts[0];
    const finding = report.findings.find(f => f.id === 'IRSA-B12')!;
    const [kubectl] = remediationFor(finding, { report });
    expect(kubectl.code).toContain(
      'kubectl annotate serviceaccount uploader -n mc-both eks.amazonaws.com/role-arn-',
    );
  });

  it('restarts the workloads created before the annotation (IRSA-B04)', () => {
    const report = riskyResponse.serviceAccounts[0];
    const [restart] = remediationFor(
      { ...report.findings[0], id: 'IRSA-B04' },
      { report, selector: { kubernetesId: 'report-generator' } },
    );
    expect(restart.code).toBe(
      'kubectl rollout restart deployment,statefulset,daemonset -n mc-missing-sub -l backstage.io/kubernetes-id=report-generator',
    );
  });

  it('has no snippet for findings without a mechanical fix', () => {
    const report = riskyResponse.serviceAccounts[0];
    expect(
      remediationFor({ ...report.findings[0], id: 'IRSA-B07' }, { report }),
    ).toEqual([]);
  });
});

describe('issuerOf', () => {
  it('reads the issuer from the evaluated trust', () => {
    expect(issuerOf(riskyResponse.serviceAccounts[0])).toBe(
      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj',
    );
  });
});
