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

import { createTrustCheckContext, TrustCheckContext } from '../checks/trustChecks';
import { OidcProvider } from '../domain/types';
import { parsePolicy } from '../policy/parsePolicy';
import { PolicyStatement } from '../policy/types';
import { podIdentityTrustPolicy } from '../testing';

// The example IRSA cluster the engine's own tests share: an account, its cluster's OIDC
// issuer, and a second issuer that the same account also trusts. Test fixtures only.

/** The account of the example cluster and its roles. */
export const ACCOUNT = '111122223333';
/** The example cluster's issuer, without `https://` (as IAM condition keys and provider ARNs write it). */
export const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
/** The issuer of another cluster. */
export const OTHER_ISSUER =
  'oidc.eks.us-east-1.amazonaws.com/id/FEDCBA9876543210';
/** The IAM OIDC provider of ISSUER in ACCOUNT. */
export const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
/** The `sub` condition key of ISSUER. */
export const SUB = `${ISSUER}:sub`;
/** The `aud` condition key of ISSUER. */
export const AUD = `${ISSUER}:aud`;

/** The IAM OIDC provider of `issuer` in `account`, accepting the STS audience. */
export const oidcProvider = (
  issuer = ISSUER,
  account = ACCOUNT,
): OidcProvider => ({
  arn: `arn:aws:iam::${account}:oidc-provider/${issuer}`,
  accountId: account,
  issuerHostPath: issuer,
  clientIds: ['sts.amazonaws.com'],
});

/** A web-identity trust statement for PROVIDER with the given condition block. */
export const webIdentityStatement = (
  condition?: PolicyStatement['Condition'],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition ? { Condition: condition } : {}),
  ...extra,
});

/** The EKS User Guide's Pod Identity trust statement for ACCOUNT, with `extra` replacing its keys. */
export const podIdentityStatement = (
  extra: Partial<PolicyStatement> = {},
): PolicyStatement => ({
  ...podIdentityTrustPolicy({ accountId: ACCOUNT }).Statement[0],
  ...extra,
});

/** The role the example trusts are examined for. */
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;

/** A parsed policy of `statements` (throws on a document the parser refuses). */
export const parseStatements = (statements: PolicyStatement[]) => {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

/**
 * The trust-check context of ROLE with `statements`, examined for service account
 * `namespace/serviceAccount` of the example cluster (its provider known, its issuer the only one).
 */
export const exampleTrustContext = (
  statements: PolicyStatement[],
  target: { namespace: string; serviceAccount: string },
  extra: Partial<Parameters<typeof createTrustCheckContext>[0]> = {},
): TrustCheckContext =>
  createTrustCheckContext({
    roleArn: ROLE,
    roleAccountId: ACCOUNT,
    policy: parseStatements(statements),
    target: { issuerHostPath: ISSUER, ...target },
    oidcProviders: [oidcProvider()],
    knownIssuers: [ISSUER],
    ...extra,
  });
