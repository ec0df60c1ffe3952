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

import { mockServices } from '@backstage/backend-test-utils';
import { IdentityService } from '../identity/IdentityService';
import { ACCOUNT, irsaTrust, ISSUER, role } from '../testing/awsFixtures';
import { eksCluster, FakeAwsSource, FakeClusterSource, injectedPods, irsaAnnotation } from '../testing/fakeSources';
import { LiveProofService, TooManyProofsError } from './LiveProofService';
import { SlidingWindowLimiter } from './SlidingWindowLimiter';
import { WebIdentityProver } from './WebIdentityProver';

const PAYMENTS = role('payments', irsaTrust(ISSUER, 'payments', 'payments-api'));
const TARGET = { cluster: 'prod', namespace: 'payments', serviceAccount: 'payments-api' };
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secret-token.sig';

function service(options: { prover: WebIdentityProver; perUserPerHour?: number; now?: () => number }) {
  const aws = new FakeAwsSource([ACCOUNT])
    .readAccount(ACCOUNT, [PAYMENTS], { issuers: [ISSUER] })
    .readEks('prod', eksCluster({ eksName: 'prod', accountId: ACCOUNT, region: 'us-east-1', issuer: ISSUER }));
  const clusters = new FakeClusterSource([
    {
      name: 'prod',
      accountId: ACCOUNT,
      serviceAccounts: [
        { namespace: 'payments', name: 'payments-api', annotations: irsaAnnotation(PAYMENTS.arn), pods: { aggregate: injectedPods(1, PAYMENTS.arn) } },
      ],
    },
  ]);
  const identity = new IdentityService({ aws, clusters, staleAfterSeconds: 3600 });
  const logger = mockServices.logger.mock();
  const liveProof = new LiveProofService({
    settings: { enabled: true, perServiceAccountPerHour: 10, perUserPerHour: options.perUserPerHour ?? 10, emulator: false },
    snapshot: () => identity.snapshot(),
    requestToken: async () => TOKEN,
    prover: options.prover,
    logger,
    now: options.now,
  });
  return { liveProof, logger };
}

describe('LiveProofService', () => {
  it('presents the token with the deny-all session policy and reports the caller of the session', async () => {
    const prove = jest.fn<ReturnType<WebIdentityProver['prove']>, Parameters<WebIdentityProver['prove']>>(async () => ({
      callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/payments/aws-identity-live-proof`,
    }));
    const { liveProof, logger } = service({ prover: { prove } });
    const result = await liveProof.prove(TARGET, 'button', 'user:default/bob');
    expect(prove).toHaveBeenCalledWith({
      roleArn: PAYMENTS.arn,
      token: TOKEN,
      sessionName: 'aws-identity-live-proof',
      sessionPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}',
      durationSeconds: 900,
    });
    expect(result).toMatchObject({ outcome: 'proved', roleArn: PAYMENTS.arn, callerArn: expect.stringContaining(':assumed-role/payments/') });
    // Neither the answer nor a log line holds the token.
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(JSON.stringify((logger.info as jest.Mock).mock.calls)).not.toContain(TOKEN);
  });

  it("decodes STS's refusal with the STS error decoder, for this service account", async () => {
    const denied = Object.assign(new Error('Not authorized to perform sts:AssumeRoleWithWebIdentity'), { name: 'AccessDenied' });
    const { liveProof } = service({ prover: { prove: async () => Promise.reject(denied) } });
    const result = await liveProof.prove(TARGET, 'schedule');
    expect(result).toMatchObject({ outcome: 'refused', trigger: 'schedule', error: { error: { kind: 'web-identity-denied', code: 'AccessDenied' } } });
    expect(liveProof.lastResults([TARGET])).toEqual([result]);
  });

  it('limits proofs per user, and the scheduled probe is not a user', async () => {
    const { liveProof } = service({ prover: { prove: async () => ({}) }, perUserPerHour: 1 });
    await liveProof.prove(TARGET, 'button', 'user:default/bob');
    await expect(liveProof.prove(TARGET, 'button', 'user:default/bob')).rejects.toBeInstanceOf(TooManyProofsError);
    await expect(liveProof.prove(TARGET, 'schedule')).resolves.toMatchObject({ outcome: 'proved' });
  });
});

describe('SlidingWindowLimiter', () => {
  it('allows limit uses per window and says when the oldest expires', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    expect(limiter.take('a')).toBeUndefined();
    now = 10_000;
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBe(50);
    expect(limiter.take('b')).toBeUndefined();
    now = 60_001;
    expect(limiter.take('a')).toBeUndefined();
  });
});
