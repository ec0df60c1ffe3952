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
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * When the weekly role digest is sent by default: Mondays at 08:00 (the scheduler's cron is
 * read in UTC), with room for a large inventory.
 *
 * @public
 */
export const DEFAULT_ROLE_DIGEST_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { cron: '0 8 * * 1' },
  timeout: { minutes: 15 },
};

/**
 * The per-team digest of unused roles (`awsIdentity.roles.digest`).
 *
 * @public
 */
export interface RoleDigestConfig {
  /** Off unless configured: a portal opts in to notifying its teams. */
  enabled: boolean;
  /** When the digest is sent; {@link DEFAULT_ROLE_DIGEST_SCHEDULE} unless configured. */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Reads `awsIdentity.roles.digest`; a malformed value fails with the full key in the error. */
export function readRoleDigestConfig(own: Config | undefined): RoleDigestConfig {
  const digest = own?.getOptionalConfig('roles.digest');
  const enabled = digest?.getOptionalBoolean('enabled') ?? false;
  const schedule = digest?.getOptionalConfig('schedule');
  if (!schedule) return { enabled, schedule: DEFAULT_ROLE_DIGEST_SCHEDULE };
  try {
    return { enabled, schedule: readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule) };
  } catch (error) {
    throw new InputError(`awsIdentity.roles.digest.schedule is not a task schedule: ${(error as Error).message}`);
  }
}
