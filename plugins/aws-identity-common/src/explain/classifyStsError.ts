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

/**
 * The classes of credential errors a pod's AWS SDK reports, as named by the STS API reference
 * (errors of `AssumeRoleWithWebIdentity` and `AssumeRole`), the EKS Auth API
 * (`AssumeRoleForPodIdentity`) and the SDKs' credential providers.
 *
 * @public
 */
export type StsErrorKind =
  /** `InvalidIdentityToken`: no IAM OIDC provider for the token's issuer in the role's account. */
  | 'no-oidc-provider'
  /** `InvalidIdentityToken: Incorrect token audience`. */
  | 'incorrect-audience'
  /** Any other `InvalidIdentityToken`: AWS could not validate the token. */
  | 'invalid-identity-token'
  /** `AccessDenied … sts:AssumeRoleWithWebIdentity`: the IRSA trust policy denied. */
  | 'web-identity-denied'
  /** `AccessDenied` on `sts:AssumeRole` / `sts:TagSession`, or on `AssumeRoleForPodIdentity`. */
  | 'pod-identity-denied'
  /** `ExpiredToken` (the web identity token) or `ExpiredTokenException` (session credentials). */
  | 'expired-token'
  /** `IDPCommunicationError`: STS could not reach the issuer to verify the token. */
  | 'idp-communication'
  /** `PackedPolicyTooLarge`: session policies and session tags exceed the packed size. */
  | 'packed-policy-too-large'
  /** The SDK's credential chain found no provider at all. */
  | 'no-credentials'
  /**
   * `AccessDenied` / "is not authorized" naming an IAM user (`…:user/…`) as the caller: the pod
   * signed with long-lived keys, not with a role session.
   */
  | 'denied-as-user'
  /** None of the above. */
  | 'unrecognised';

/**
 * What {@link classifyStsError} read from an error text.
 *
 * @public
 */
export interface ClassifiedStsError {
  kind: StsErrorKind;
  /** The error code as it appears in the text (`InvalidIdentityToken`, …), when there is one. */
  code?: string;
  /** The issuer URL an `InvalidIdentityToken` names ("… found in your account for https://…"). */
  issuer?: string;
  /** The role ARN the text names, if any. */
  roleArn?: string;
}

// Each rule tests the text case-insensitively; the first that matches decides. STS codes come
// before the SDKs' chain messages because the SDKs wrap them ("CredentialsProviderError:
// InvalidIdentityToken: …") and the STS code is the more specific fact.
const RULES: ReadonlyArray<{
  kind: Exclude<StsErrorKind, 'unrecognised'>;
  code: string;
  test: RegExp;
}> = [
  {
    kind: 'no-oidc-provider',
    code: 'InvalidIdentityToken',
    test: /No\s+OpenID\s*Connect\s+provider\s+found/i,
  },
  {
    kind: 'incorrect-audience',
    code: 'InvalidIdentityToken',
    test: /Incorrect\s+token\s+audience/i,
  },
  {
    kind: 'invalid-identity-token',
    code: 'InvalidIdentityToken',
    test: /InvalidIdentityToken/i,
  },
  {
    kind: 'packed-policy-too-large',
    code: 'PackedPolicyTooLarge',
    test: /PackedPolicyTooLarge/i,
  },
  {
    kind: 'idp-communication',
    code: 'IDPCommunicationError',
    test: /IDP\s*Communication\s*Error/i,
  },
  {
    kind: 'expired-token',
    code: 'ExpiredTokenException',
    test: /ExpiredTokenException|security token included in the request is expired/i,
  },
  { kind: 'expired-token', code: 'ExpiredToken', test: /ExpiredToken/i },
  {
    kind: 'web-identity-denied',
    code: 'AccessDenied',
    test: /AccessDenied[\s\S]*AssumeRoleWithWebIdentity|AssumeRoleWithWebIdentity[\s\S]*(AccessDenied|not authorized)/i,
  },
  {
    kind: 'pod-identity-denied',
    code: 'AccessDeniedException',
    test: /AssumeRoleForPodIdentity[\s\S]*(AccessDenied|Unauthorized|not authorized)|(AccessDenied|Unauthorized)[\s\S]*AssumeRoleForPodIdentity/i,
  },
  {
    kind: 'pod-identity-denied',
    code: 'AccessDenied',
    test: /(AccessDenied|not authorized)[\s\S]*sts:(AssumeRole|TagSession)\b/i,
  },
  {
    // A role session is `assumed-role/…`; a `user/…` caller means keys shadowed the role.
    kind: 'denied-as-user',
    code: 'AccessDenied',
    test: /User:\s*arn:aws[a-z-]*:iam::\d{12}:user\/[\s\S]*(not authorized|AccessDenied)|(AccessDenied|not authorized)[\s\S]*arn:aws[a-z-]*:iam::\d{12}:user\//i,
  },
  {
    kind: 'no-credentials',
    code: 'CredentialsProviderError',
    // JavaScript v3, Python (botocore NoCredentialsError), Java v2 and Go v2 wording.
    test: /Could not load credentials from any providers|CredentialsProviderError|Unable to locate credentials|NoCredentialsError|Unable to load credentials from any of the providers|no valid providers in chain|failed to retrieve credentials/i,
  },
];

const ISSUER_IN_TEXT = /for\s+(https:\/\/[^\s"',]+)/i;
const ROLE_IN_TEXT =
  /arn:aws[a-z-]*:(?:iam|sts)::\d{12}:(?:role|assumed-role)\/[\w+=,.@/-]+/;

/**
 * Recognises which STS or SDK credential error a pasted text is. Pure; never throws. Text
 * that matches no known shape is `unrecognised`.
 *
 * @public
 */
export function classifyStsError(text: string): ClassifiedStsError {
  const rule = RULES.find(r => r.test.test(text));
  if (!rule) return { kind: 'unrecognised' };
  const out: ClassifiedStsError = { kind: rule.kind, code: rule.code };
  const issuer = ISSUER_IN_TEXT.exec(text)?.[1]?.replace(/[.)]+$/, '');
  if (issuer && rule.kind === 'no-oidc-provider') out.issuer = issuer;
  const role = ROLE_IN_TEXT.exec(text)?.[0];
  if (role) out.roleArn = role.replace(/[.)]+$/, '');
  return out;
}
