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
import { Role } from '../domain/types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long IAM looks back when it reports a role's last use (`RoleLastUsed`): "IAM tracks role
 * usage for the trailing 400 days". A role without a last-use date was not used within it.
 *
 * @public
 */
export const ROLE_LAST_USED_TRACKING_DAYS = 400;

/**
 * How a role has been used, as IAM's last-use data tells it.
 *
 * @public
 */
export interface RoleUsage {
  /** IAM reports a use within its tracking period. */
  used: boolean;
  /**
   * Whole days without use: since the last use, or, for a role never used, since it was
   * created (capped at the tracking period, beyond which IAM cannot tell). `undefined` when the
   * role was never used and its creation date is unknown.
   */
  idleDays?: number;
}

/**
 * The {@link RoleUsage} of a role at `now`. Dates that do not parse count as absent, never as
 * "used today".
 *
 * @public
 */
export function roleUsage(role: Pick<Role, 'createDate' | 'lastUsed'>, now: Date): RoleUsage {
  const lastUsed = timeOf(role.lastUsed?.at);
  if (lastUsed !== undefined) return { used: true, idleDays: daysBetween(lastUsed, now.getTime()) };
  const created = timeOf(role.createDate);
  if (created === undefined) return { used: false };
  return {
    used: false,
    idleDays: Math.min(daysBetween(created, now.getTime()), ROLE_LAST_USED_TRACKING_DAYS),
  };
}

/**
 * Whether a role counts as unused for `days` days: idle at least that long. A role whose idle
 * time is unknown is not claimed unused.
 *
 * @public
 */
export function isUnusedFor(usage: RoleUsage, days: number): boolean {
  return usage.idleDays !== undefined && usage.idleDays >= days;
}

function timeOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

function daysBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / DAY_MS));
}
