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

import { BaseConditionOperator } from './types';

// Families of IAM condition operators (IAM User Guide, "IAM JSON policy elements: Condition
// operators"), named once so that the parser's list of known operators and the evaluator's
// list of operators that read policy variables cannot drift apart.

/** The string condition operators. */
export const STRING_OPERATORS: ReadonlyArray<BaseConditionOperator> = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
];

/** The Amazon Resource Name (ARN) condition operators. */
export const ARN_OPERATORS: ReadonlyArray<BaseConditionOperator> = [
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
];
