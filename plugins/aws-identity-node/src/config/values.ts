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
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * A number of seconds (or days) under `awsIdentity`: absent means the default, anything else
 * must be a positive number. The error names the full key.
 */
export function readPositiveNumber(
  section: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = section?.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new InputError(`awsIdentity.${key} must be a positive number, got ${value}`);
  }
  return value;
}
