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
import { validRequest } from '../requests/__fixtures__';
import {
  asScaffolder,
  describeOnEachDatabase,
  EAST_ISSUER,
  expectRefused,
} from './harness';

jest.setTimeout(120_000);

/**
 * Who the role trusts is never the requester's to choose (issue 13): every attempt to steer the
 * issuer is a 400 naming `request.clusters[i].issuer`, and leaves nothing stored, delivered or
 * pushed. In the harness `sandbox-east` has a configured issuer and `sandbox-west` none (no
 * configuration, and EKS has not reported one), so an IRSA role for west cannot be planned.
 */
describeOnEachDatabase('trust: the issuer on %s', useBackend => {
  const backend = useBackend();

  const EAST_HOST_PATH = EAST_ISSUER.replace(/^https:\/\//, '');
  const east = (issuer: unknown) => ({ ...validRequest, clusters: [{ name: 'sandbox-east', issuer }] });
  const west = (extra: object = {}) => ({ ...validRequest, accountId: '222222222222', ...extra });

  it.each([
    ['another EKS issuer for a configured cluster', east('https://oidc.eks.us-east-1.amazonaws.com/id/ATTACKER00000000000000000000000')],
    ['an attacker-run issuer for a configured cluster', east('https://issuer.attacker.example/id/X')],
    ['the configured issuer with its path in another case (IAM compares the path exactly)', east(`https://${EAST_HOST_PATH.replace('/id/EAST', '/id/east')}`)],
    ['the OIDC provider ARN of another issuer', east('arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/OTHER')],
    ['an http issuer', east(`http://${EAST_HOST_PATH}`)],
    ['an issuer given as an array', east([EAST_ISSUER])],
    ['an issuer given as an object', east({ url: EAST_ISSUER })],
    ['an issuer with a Cyrillic look-alike host', east('https://oidc.eks.us-east-1.amazonаws.com/id/EAST0000000000000000000000000000')],
    ['an issuer with a query that would smuggle a second host', east(`${EAST_ISSUER}?x=https://evil.example`)],
    ['an issuer for a cluster whose issuer nobody knows', west({ clusters: [{ name: 'sandbox-west', issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST' }] })],
    ['a cluster whose issuer nobody knows, without one', west({ clusters: ['sandbox-west'] })],
    ['a known cluster next to one whose issuer nobody knows', { ...validRequest, clusters: ['sandbox-east', 'sandbox-west'] }],
  ])('refuses %s', async (_case, draft) => {
    const res = await backend.post('/requests', { idempotencyKey: 'trust-issuer', request: draft });
    const field = (draft.clusters as unknown[]).length === 2 ? 'request.clusters[1].issuer' : 'request.clusters[0].issuer';
    expectRefused(res, 400, field);
    await backend.expectNothingStored();
    await backend.expectNothingDelivered();
    backend.expectNothingPushed();
  });

  it('refuses an issuer the scaffolder passes on, as from anyone', async () => {
    const res = await backend
      .post('/requests')
      .set('Authorization', asScaffolder())
      .send({ idempotencyKey: 'trust-scaffolder', request: west({ clusters: [{ name: 'sandbox-west', issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST' }] }) });
    expectRefused(res, 400, 'request.clusters[0].issuer');
    await backend.expectNothingStored();
    backend.expectNothingPushed();
  });

  it('refuses an issuer on a Pod Identity request where it would be ignored silently', async () => {
    const res = await backend.post('/requests', {
      idempotencyKey: 'trust-pod-identity',
      request: west({ binding: 'pod-identity', clusters: [{ name: 'sandbox-west', issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST' }] }),
    });
    expectRefused(res, 400, 'request.clusters[0].issuer');
    await backend.expectNothingStored();
  });

  it('plans the configured issuer and names it with its OIDC provider ARN', async () => {
    const created = await backend.submit({ draft: east(`${EAST_HOST_PATH}/`), idempotencyKey: 'trust-same-issuer' });
    expect(created.plan.input.clusters[0].issuer).toBe(EAST_ISSUER);
    expect(created.plan.oidcProviders).toEqual([
      { cluster: 'sandbox-east', issuer: EAST_ISSUER, oidcProviderArn: `arn:aws:iam::111111111111:oidc-provider/${EAST_HOST_PATH}` },
    ]);
    await backend.expectStoredCount(1);
  });

  it.each([['a'], ['ab'], ['a/'], ['--']])('records a Secrets Manager prefix %j as high risk with IRSA-P15', async prefix => {
    const created = await backend.submit({
      idempotencyKey: `trust-secret-${prefix.replace(/[^a-z]/g, 'x')}`,
      draft: {
        ...validRequest,
        access: [{ resource: `arn:aws:secretsmanager:us-east-1:111111111111:secret:${prefix}`, preset: 'secretsmanager-read-prefix' }],
      },
    });
    expect(created.plan.risk).toBe('high');
    expect(created.plan.findings).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'IRSA-P15', severity: 'high' })]));
  });
});
