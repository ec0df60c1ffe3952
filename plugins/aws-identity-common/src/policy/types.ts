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
 * A scalar condition value as it may appear in policy JSON.
 *
 * @public
 */
export type ConditionScalar = string | number | boolean;

/**
 * An IAM policy document as written in JSON (trust policy or permission
 * policy). Only the shape is described; {@link parsePolicy} validates it.
 *
 * @public
 */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/**
 * The `Principal` / `NotPrincipal` element: `"*"` or a map from principal
 * type to one or more identifiers.
 *
 * @public
 */
export type PrincipalElement =
  | '*'
  | Partial<Record<PrincipalType, string | string[]>>;

/**
 * One statement of a {@link PolicyDocument} as written in JSON.
 *
 * @public
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PrincipalElement;
  NotPrincipal?: PrincipalElement;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<
    string,
    Record<string, ConditionScalar | ConditionScalar[]>
  >;
}

/**
 * The principal types IAM accepts in a `Principal` element.
 *
 * @public
 */
export type PrincipalType = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';

/**
 * A normalised `Principal` or `NotPrincipal` element.
 *
 * @public
 */
export interface PrincipalSet {
  /** `"*"` or `{"AWS": "*"}`: every principal, including anonymous ones. */
  any: boolean;
  /** Identifiers listed per principal type (values as written). */
  byType: Partial<Record<PrincipalType, string[]>>;
}

/**
 * The condition operators IAM defines, without `ForAllValues:` /
 * `ForAnyValue:` prefixes or the `IfExists` suffix.
 *
 * @public
 */
export type BaseConditionOperator =
  | 'StringEquals'
  | 'StringNotEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringNotEqualsIgnoreCase'
  | 'StringLike'
  | 'StringNotLike'
  | 'NumericEquals'
  | 'NumericNotEquals'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'NumericGreaterThanEquals'
  | 'DateEquals'
  | 'DateNotEquals'
  | 'DateLessThan'
  | 'DateLessThanEquals'
  | 'DateGreaterThan'
  | 'DateGreaterThanEquals'
  | 'Bool'
  | 'BinaryEquals'
  | 'IpAddress'
  | 'NotIpAddress'
  | 'ArnEquals'
  | 'ArnLike'
  | 'ArnNotEquals'
  | 'ArnNotLike'
  | 'Null';

/**
 * One (operator, key, values) triple of a statement's `Condition` block.
 *
 * @public
 */
export interface ParsedCondition {
  /** The operator exactly as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  base: BaseConditionOperator;
  setQualifier?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  /** True for the negated operators (`StringNotEquals`, `ArnNotLike`, …). */
  negated: boolean;
  /** The key as written. */
  key: string;
  /** The key lower-cased: IAM compares condition keys case-insensitively. */
  keyLower: string;
  /** Values as strings (JSON numbers and booleans are stringified). */
  values: string[];
  /**
   * Some value contains `${`: a policy variable where the policy's Version
   * and the operator allow one. Computed once by the parser so evaluation
   * need not scan the values; recomputed when absent.
   */
  hasVariables?: boolean;
}

/**
 * A statement after validation and normalisation.
 *
 * @public
 */
export interface ParsedStatement {
  /** Zero-based position in the document (`Statement` as object = 0). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PrincipalSet;
  notPrincipal?: PrincipalSet;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ParsedCondition[];
}

/**
 * A validated, normalised policy document.
 *
 * @public
 */
export interface ParsedPolicy {
  /** `Version` as written; policy variables only work with `2012-10-17`. */
  version?: string;
  id?: string;
  statements: ParsedStatement[];
  /** Non-fatal observations such as a missing `Version` or duplicate `Sid`. */
  warnings: string[];
  /**
   * Characters of the document without insignificant whitespace: how IAM
   * counts policy size against its quotas (security.md §0.1, §5).
   */
  minifiedLength: number;
}
