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
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';

/**
 * The two STS calls of a live proof. The seam between the proof's bookkeeping and the SDK;
 * the default talks to STS (or the configured endpoint).
 *
 * @public
 */
export interface WebIdentityProver {
  /**
   * `AssumeRoleWithWebIdentity` with `token`, then `GetCallerIdentity` signed with the session
   * it returned: resolves to the caller ARN, rejects with STS's error. The session's
   * credentials live only inside this call.
   */
  prove(request: {
    roleArn: string;
    token: string;
    sessionName: string;
    sessionPolicy: string;
    durationSeconds: number;
  }): Promise<{ callerArn?: string }>;
}

/**
 * The default {@link WebIdentityProver}. `AssumeRoleWithWebIdentity` is not signed (the token
 * is the credential), so the backend's own AWS credentials are not used at all; the region and
 * the endpoint are aws-identity's (`awsIdentity.region`, `awsIdentity.endpoint`).
 *
 * @public
 */
export function createStsWebIdentityProver(options: { region: string; endpoint?: string }): WebIdentityProver {
  const common = { region: options.region, endpoint: options.endpoint, maxAttempts: 1 };
  const unsigned = new STSClient({
    ...common,
    // No credentials: the call is authorised by the token, and the SDK must not fall back to
    // the backend's own credential chain for it.
    credentials: async () => ({ accessKeyId: '', secretAccessKey: '' }),
  });
  return {
    async prove({ roleArn, token, sessionName, sessionPolicy, durationSeconds }) {
      const assumed = await unsigned.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          WebIdentityToken: token,
          Policy: sessionPolicy,
          DurationSeconds: durationSeconds,
        }),
      );
      const credentials = assumed.Credentials;
      if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
        throw new Error('AssumeRoleWithWebIdentity answered without credentials');
      }
      const session = new STSClient({
        ...common,
        credentials: {
          accessKeyId: credentials.AccessKeyId,
          secretAccessKey: credentials.SecretAccessKey,
          sessionToken: credentials.SessionToken,
        },
      });
      try {
        const identity = await session.send(new GetCallerIdentityCommand({}));
        return { callerArn: identity.Arn };
      } finally {
        session.destroy();
      }
    },
  };
}
