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

import { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';

/** What the proxy knows about one incoming AWS API call. */
export interface AwsCall {
  /** Signing name from the SigV4 credential scope (`iam`, `sts`, `eks`), or inferred. */
  service: string;
  /** API action (`ListRoles`, `DescribeCluster`, ...). */
  action: string;
  region: string;
  accessKeyId?: string;
  /** Whether the wire protocol is query (XML errors) or REST-JSON (JSON errors). */
  protocol: 'query' | 'rest-json';
  /** Decoded form body for query-protocol calls. */
  params?: URLSearchParams;
}

const credentialScope =
  /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** EKS REST routes the proxy names (everything else is labelled `METHOD /path-template`). */
const eksRoutes: { method: string; pattern: RegExp; action: string }[] = [
  { method: 'POST', pattern: /^\/clusters$/, action: 'CreateCluster' },
  { method: 'GET', pattern: /^\/clusters$/, action: 'ListClusters' },
  { method: 'GET', pattern: /^\/clusters\/[^/]+$/, action: 'DescribeCluster' },
  { method: 'DELETE', pattern: /^\/clusters\/[^/]+$/, action: 'DeleteCluster' },
  {
    method: 'GET',
    pattern: /^\/clusters\/[^/]+\/node-groups$/,
    action: 'ListNodegroups',
  },
  {
    method: 'POST',
    pattern: /^\/clusters\/[^/]+\/pod-identity-associations$/,
    action: 'CreatePodIdentityAssociation',
  },
  {
    method: 'GET',
    pattern: /^\/clusters\/[^/]+\/pod-identity-associations$/,
    action: 'ListPodIdentityAssociations',
  },
  {
    method: 'GET',
    pattern: /^\/clusters\/[^/]+\/pod-identity-associations\/[^/]+$/,
    action: 'DescribePodIdentityAssociation',
  },
  {
    method: 'POST',
    pattern: /^\/clusters\/[^/]+\/pod-identity-associations\/[^/]+$/,
    action: 'UpdatePodIdentityAssociation',
  },
  {
    method: 'DELETE',
    pattern: /^\/clusters\/[^/]+\/pod-identity-associations\/[^/]+$/,
    action: 'DeletePodIdentityAssociation',
  },
];

/** Identifies service and action of a request from its SigV4 scope, form body or REST path. */
export function classify(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): AwsCall {
  const scope = credentialScope.exec(String(headers.authorization ?? ''));
  const contentType = String(headers['content-type'] ?? '');
  let params: URLSearchParams | undefined;
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    params = new URLSearchParams(body.toString('utf8'));
  }
  const action = params?.get('Action');
  if (action) {
    // Unsigned calls (AssumeRoleWithWebIdentity) carry no scope; they only exist in STS.
    return {
      service: scope?.[3] ?? 'sts',
      action,
      region: scope?.[2] ?? 'us-east-1',
      accessKeyId: scope?.[1],
      protocol: 'query',
      params,
    };
  }
  const route = eksRoutes.find(
    r => r.method === method && r.pattern.test(path),
  );
  return {
    service: scope?.[3] ?? 'unknown',
    action: route?.action ?? `${method} ${path}`,
    region: scope?.[2] ?? 'us-east-1',
    accessKeyId: scope?.[1],
    protocol: 'rest-json',
  };
}

/** An AWS-shaped error response. */
export interface AwsErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Builds an error the way the real service sends it: query protocol (IAM, STS) as
 * `<ErrorResponse><Error><Code>…` XML, REST-JSON (EKS) as a JSON body with `x-amzn-ErrorType`.
 */
export function awsError(
  call: Pick<AwsCall, 'protocol'>,
  status: number,
  code: string,
  message: string,
): AwsErrorResponse {
  const requestId = randomUUID();
  if (call.protocol === 'query') {
    return {
      status,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body:
        `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>` +
        `<Code>${xmlEscape(code)}</Code><Message>${xmlEscape(
          message,
        )}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ message }),
  };
}
