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
import { nonAsciiProblem } from './plainText';
import { ParseResult, fail, ok, quote } from './result';

/**
 * AWS partitions the engine knows. Other partitions are rejected so that a
 * typo cannot silently produce a policy nobody can use.
 *
 * @internal
 */
export const AWS_PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/**
 * One of {@link AWS_PARTITIONS}.
 *
 * @internal
 */
export type AwsPartition = (typeof AWS_PARTITIONS)[number];

/**
 * The six colon-separated components of an ARN.
 *
 * @public
 */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the fifth colon, e.g. `role/path/name`. */
  resource: string;
}

/**
 * A Kubernetes service account reference.
 *
 * @public
 */
export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ACCOUNT_ID = /^\d{12}$/;
// Quote, braces, backslash and control characters would break out of the
// JSON/HCL file a pull request writes (security.md §3 item 7).
const INJECTION_PUNCTUATION = /["{}\\<>`]/;
const INJECTION_CHARS = {
  test: (text: string): boolean =>
    INJECTION_PUNCTUATION.test(text) ||
    [...text].some(ch => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
};

/**
 * Splits an ARN into its components. Wildcards are accepted here (policies
 * contain them); callers that need a concrete ARN use
 * {@link parseConcreteArn}.
 *
 * @public
 */
export function parseArn(input: unknown): ParseResult<ParsedArn> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('ARN must be a non-empty string');
  }
  if (input.length > 2048) {
    return fail('ARN is longer than 2048 characters');
  }
  // Spaces get the whitespace reason below; everything else outside ASCII is named here.
  const nonAscii = nonAsciiProblem(input, { allowSpace: true });
  if (nonAscii) {
    return fail(`ARN ${quote(input)} ${nonAscii}`);
  }
  if (INJECTION_CHARS.test(input) || /\s/.test(input)) {
    return fail(
      `ARN ${quote(
        input,
      )} contains whitespace, quotes, braces or control characters`,
    );
  }
  const parts = input.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return fail(
      `ARN ${quote(
        input,
      )} must look like arn:partition:service:region:account:resource`,
    );
  }
  const [, partition, service, region, accountId] = parts;
  const resource = parts.slice(5).join(':');
  if (!partition || !service) {
    return fail(`ARN ${quote(input)} has an empty partition or service`);
  }
  if (!resource) {
    return fail(`ARN ${quote(input)} has an empty resource`);
  }
  return ok({ partition, service, region, accountId, resource });
}

/**
 * Parses an ARN that names one concrete resource: no `*` or `?`, a known
 * partition, and a 12-digit account when one is present.
 *
 * @public
 */
export function parseConcreteArn(input: unknown): ParseResult<ParsedArn> {
  const parsed = parseArn(input);
  if (!parsed.ok) return parsed;
  if (/[*?]/.test(input as string)) {
    return fail(`ARN ${quote(input)} must not contain wildcards`);
  }
  const arn = parsed.value;
  if (arn.region) {
    const region = validateRegion(arn.region);
    if (!region.ok) return fail(`ARN ${quote(input)} has a region that is not one: ${region.error}`);
  }
  if (!(AWS_PARTITIONS as readonly string[]).includes(arn.partition)) {
    return fail(
      `ARN ${quote(input)} has unknown partition ${quote(arn.partition)}`,
    );
  }
  if (arn.accountId && !ACCOUNT_ID.test(arn.accountId)) {
    return fail(`ARN ${quote(input)} has an account id that is not 12 digits`);
  }
  return parsed;
}

/**
 * The EKS cluster name in an EKS cluster ARN (`arn:aws:eks:<region>:<account>:cluster/<name>`);
 * undefined for anything else.
 *
 * @public
 */
export function eksClusterNameOfArn(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  const arn = parseArn(input);
  if (!arn.ok || arn.value.service !== 'eks') return undefined;
  const match = /^cluster\/([A-Za-z0-9][A-Za-z0-9_-]{0,99})$/.exec(arn.value.resource);
  return match?.[1];
}

/**
 * The account of an ARN, when it names one (`arn:aws:iam::123456789012:role/x` → `123456789012`).
 *
 * @public
 */
export function accountOfArn(input: unknown): string | undefined {
  const arn = parseArn(input);
  return arn.ok && arn.value.accountId ? arn.value.accountId : undefined;
}

/**
 * Parses an IAM role ARN (`arn:aws:iam::123456789012:role/path/name`) and
 * returns the account, path and name.
 *
 * @public
 */
export function parseRoleArn(
  input: unknown,
): ParseResult<{
  arn: string;
  partition: string;
  accountId: string;
  path: string;
  name: string;
}> {
  const parsed = parseConcreteArn(input);
  if (!parsed.ok) return fail(parsed.error);
  const arn = parsed.value;
  if (arn.service !== 'iam' || !arn.resource.startsWith('role/')) {
    return fail(`ARN ${quote(input)} is not an IAM role ARN`);
  }
  if (!arn.accountId) {
    return fail(`role ARN ${quote(input)} has no account id`);
  }
  const full = arn.resource.slice('role/'.length);
  const slash = full.lastIndexOf('/');
  const name = full.slice(slash + 1);
  const path = slash >= 0 ? `/${full.slice(0, slash + 1)}` : '/';
  const nameCheck = validateRoleName(name);
  if (!nameCheck.ok) return fail(nameCheck.error);
  return ok({
    arn: input as string,
    partition: arn.partition,
    accountId: arn.accountId,
    path,
    name,
  });
}

/**
 * The regular expression the EKS pod identity webhook uses to accept a
 * `eks.amazonaws.com/role-arn` annotation (webhook `cache.go`). A value that
 * fails it is logged as "arn is invalid" but still injected (IRSA-B01).
 *
 * @public
 */
export const WEBHOOK_ROLE_ARN_PATTERN =
  /^arn:aws[a-z0-9-]*:iam::\d{12}:role\/[\w\-/.@+=,]+$/;

/**
 * The syntax of an AWS Region code: a two-letter area, an optional partition marker (`-gov`,
 * `-iso`, `-isob`, `-isoe`, `-isof`), a direction and a number — `us-east-1`, `eu-central-2`,
 * `us-gov-west-1`, `cn-northwest-1`, `us-isob-east-1` (AWS General Reference, Regions and
 * endpoints).
 */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/**
 * Validates an AWS Region code by its syntax (`us-east-1`, `us-gov-west-1`): a region the
 * syntax admits but AWS does not have simply never matches anything.
 *
 * @public
 */
export function validateRegion(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('region must be a non-empty string');
  }
  const nonAscii = nonAsciiProblem(input);
  if (nonAscii) return fail(`region ${quote(input)} ${nonAscii}`);
  if (input.length > 32 || !REGION.test(input)) {
    return fail(`region ${quote(input)} must be an AWS Region code such as us-east-1 or us-gov-west-1`);
  }
  return ok(input);
}

/**
 * Validates a 12-digit AWS account id.
 *
 * @public
 */
export function validateAccountId(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || !ACCOUNT_ID.test(input)) {
    return fail(`account id ${quote(input)} must be exactly 12 digits`);
  }
  return ok(input);
}

/**
 * Validates a Kubernetes namespace name (DNS-1123 label, at most 63 characters).
 *
 * @public
 */
export function validateNamespace(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('namespace must be a non-empty string');
  }
  const nonAscii = nonAsciiProblem(input);
  if (nonAscii) return fail(`namespace ${quote(input)} ${nonAscii}`);
  if (input.length > 63) {
    return fail(`namespace ${quote(input)} is longer than 63 characters`);
  }
  if (!DNS1123_LABEL.test(input)) {
    return fail(
      `namespace ${quote(
        input,
      )} must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
  return ok(input);
}

/**
 * Validates a Kubernetes service account name: a DNS-1123 subdomain of at most
 * 253 characters. `*`, `?` and `:` are rejected explicitly because inside a
 * `sub` condition value they would become wildcards or a new segment.
 *
 * @public
 */
export function validateServiceAccountName(
  input: unknown,
): ParseResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('service account name must be a non-empty string');
  }
  const nonAscii = nonAsciiProblem(input);
  if (nonAscii) return fail(`service account name ${quote(input)} ${nonAscii}`);
  if (input.length > 253) {
    return fail(
      `service account name ${quote(input)} is longer than 253 characters`,
    );
  }
  if (/[*?:]/.test(input)) {
    return fail(
      `service account name ${quote(input)} must not contain '*', '?' or ':'`,
    );
  }
  if (!DNS1123_SUBDOMAIN.test(input)) {
    return fail(
      `service account name ${quote(
        input,
      )} must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'`,
    );
  }
  return ok(input);
}

/**
 * Parses `namespace/name` into a {@link ServiceAccountRef}.
 *
 * @public
 */
export function parseServiceAccountRef(
  input: unknown,
): ParseResult<ServiceAccountRef> {
  if (typeof input !== 'string') {
    return fail('service account must be a string of the form namespace/name');
  }
  const parts = input.split('/');
  if (parts.length !== 2) {
    return fail(
      `service account ${quote(input)} must have the form namespace/name`,
    );
  }
  const namespace = validateNamespace(parts[0]);
  if (!namespace.ok) return fail(namespace.error);
  const name = validateServiceAccountName(parts[1]);
  if (!name.ok) return fail(name.error);
  return ok({ namespace: namespace.value, name: name.value });
}

/**
 * The `sub` claim Kubernetes puts in a projected service account token.
 *
 * @public
 */
export function serviceAccountSubject(ref: ServiceAccountRef): string {
  return `system:serviceaccount:${ref.namespace}:${ref.name}`;
}

/**
 * An OIDC issuer in the two spellings IAM uses.
 *
 * @public
 */
export interface NormalizedIssuer {
  /** `https://host/path` without a trailing slash, as EKS reports it. */
  url: string;
  /**
   * `host/path`: the suffix of the OIDC provider ARN and the prefix of the
   * condition keys (`<hostPath>:sub`).
   */
  hostPath: string;
}

/**
 * Normalises an OIDC issuer given as a URL (`https://oidc.eks…/id/X`), as a
 * bare `host/path`, or as an OIDC provider ARN. Hosts are lower-cased (DNS is
 * case-insensitive); the path keeps its case because IAM compares it exactly.
 *
 * @public
 */
export function normalizeIssuer(input: unknown): ParseResult<NormalizedIssuer> {
  if (typeof input !== 'string' || input.trim().length === 0) {
    return fail('issuer must be a non-empty URL');
  }
  const nonAscii = nonAsciiProblem(input.trim());
  if (nonAscii) return fail(`issuer ${quote(input)} ${nonAscii}`);
  let text = input.trim();
  if (text.startsWith('arn:')) {
    const arn = parseArn(text);
    if (!arn.ok || !arn.value.resource.startsWith('oidc-provider/')) {
      return fail(
        `issuer ${quote(input)} is an ARN but not an OIDC provider ARN`,
      );
    }
    text = arn.value.resource.slice('oidc-provider/'.length);
  }
  if (/^http:\/\//i.test(text)) {
    return fail(`issuer ${quote(input)} must use https`);
  }
  text = text.replace(/^https:\/\//i, '');
  text = text.replace(/\/+$/, '');
  if (INJECTION_CHARS.test(text) || /[\s?#*]/.test(text)) {
    return fail(
      `issuer ${quote(input)} contains characters not allowed in a URL`,
    );
  }
  const slash = text.indexOf('/');
  const host = (slash >= 0 ? text.slice(0, slash) : text).toLowerCase();
  const path = slash >= 0 ? text.slice(slash) : '';
  if (
    !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$/.test(
      host,
    )
  ) {
    return fail(`issuer ${quote(input)} does not have a valid host name`);
  }
  const hostPath = `${host}${path}`;
  return ok({ url: `https://${hostPath}`, hostPath });
}

/**
 * The OIDC provider ARN IAM creates for an issuer in an account.
 *
 * @public
 */
export function oidcProviderArn(
  accountId: string,
  issuerHostPath: string,
  partition: string = 'aws',
): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${issuerHostPath}`;
}

/**
 * Validates an IAM role name: 1–64 characters from `[\w+=,.@-]` (IAM quotas,
 * security.md §3 item 3).
 *
 * @public
 */
export function validateRoleName(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('role name must be a non-empty string');
  }
  const nonAscii = nonAsciiProblem(input);
  if (nonAscii) return fail(`role name ${quote(input)} ${nonAscii}`);
  if (input.length > 64) {
    return fail(`role name ${quote(input)} is longer than 64 characters`);
  }
  if (!/^[\w+=,.@-]+$/.test(input)) {
    return fail(
      `role name ${quote(
        input,
      )} may only contain letters, digits and + = , . @ _ -`,
    );
  }
  return ok(input);
}

/**
 * Validates an IAM path: `/` or `/segment/…/`, at most 512 characters.
 *
 * @public
 */
export function validateRolePath(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('role path must be a non-empty string');
  }
  const nonAscii = nonAsciiProblem(input);
  if (nonAscii) return fail(`role path ${quote(input)} ${nonAscii}`);
  if (input.length > 512) {
    return fail(`role path ${quote(input)} is longer than 512 characters`);
  }
  // IAM's grammar (CreateRole, Path): `/`, or `/` then printable ASCII then `/`; empty segments
  // (`//`) and DEL, which IAM would take, are refused as the typos or tricks they are.
  if (!/^\/([\x21-\x2e\x30-\x7e]+\/)*$/.test(input)) {
    return fail(`role path ${quote(input)} must be '/' or '/segment/…/' of printable ASCII, without empty segments`);
  }
  return ok(input);
}

/**
 * Validates a general-purpose S3 bucket name against the S3 naming rules
 * (security.md §3 item 6, S28).
 *
 * @internal
 */
export function validateS3BucketName(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('bucket name must be a non-empty string');
  }
  const name = input;
  const reason = ((): string | undefined => {
    if (name.length < 3 || name.length > 63)
      return 'must be 3 to 63 characters long';
    if (!/^[a-z0-9.-]+$/.test(name)) {
      return "may only contain lower-case letters, digits, '.' and '-'";
    }
    if (!/^[a-z0-9].*[a-z0-9]$/.test(name))
      return 'must begin and end with a letter or digit';
    if (name.includes('..')) return 'must not contain two adjacent periods';
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name))
      return 'must not be formatted as an IP address';
    for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
      if (name.startsWith(prefix)) return `must not start with '${prefix}'`;
    }
    for (const suffix of [
      '-s3alias',
      '--ol-s3',
      '.mrap',
      '--x-s3',
      '--table-s3',
    ]) {
      if (name.endsWith(suffix)) return `must not end with '${suffix}'`;
    }
    return undefined;
  })();
  return reason ? fail(`bucket name ${quote(input)} ${reason}`) : ok(name);
}
