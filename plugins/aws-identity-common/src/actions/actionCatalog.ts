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
import { matchesWildcard } from '../evaluate/wildcard';
import { ACTION_DATA } from './actionData.generated';
import { AccessLevel, LEVEL_CODES } from './encodeActionData';

/**
 * What the authorization reference says about one action.
 *
 * @internal
 */
export interface ActionInfo {
  /** `service:Action` in canonical case, e.g. `s3:GetObject`. */
  action: string;
  service: string;
  accessLevel: AccessLevel;
  /**
   * False for actions that support no resource types: they can only be
   * granted on `Resource: "*"`, so `*` there is not a finding.
   */
  hasResourceTypes: boolean;
}

const decoded = new Map<string, Map<string, ActionInfo>>();

function serviceActions(service: string): Map<string, ActionInfo> | undefined {
  const key = service.toLowerCase();
  const cached = decoded.get(key);
  if (cached) return cached;
  const encoded = ACTION_DATA[key];
  if (encoded === undefined) return undefined;
  const map = new Map<string, ActionInfo>();
  for (const entry of encoded.split(',')) {
    const [name, code] = entry.split('|');
    map.set(name.toLowerCase(), {
      action: `${key}:${name}`,
      service: key,
      accessLevel: LEVEL_CODES[code.toUpperCase()],
      hasResourceTypes: code === code.toUpperCase(),
    });
  }
  decoded.set(key, map);
  return map;
}

/**
 * Service prefixes the bundled data covers.
 *
 * @internal
 */
export function knownServices(): string[] {
  return Object.keys(ACTION_DATA);
}

/**
 * Looks up one action (`service:Action`, any case). Returns undefined for an
 * unknown action or a service the bundled data does not cover.
 *
 * @internal
 */
export function lookupAction(action: string): ActionInfo | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return serviceActions(action.slice(0, colon))?.get(
    action.slice(colon + 1).toLowerCase(),
  );
}

/**
 * Expands an action pattern such as `s3:Get*` to the actions it matches.
 * Returns undefined when the service is not covered by the bundled data (so
 * callers can tell "matches nothing" from "cannot know"). `*` alone expands to
 * undefined too.
 *
 * @internal
 */
export function expandActionPattern(pattern: string): ActionInfo[] | undefined {
  const colon = pattern.indexOf(':');
  if (colon <= 0) return undefined;
  const service = pattern.slice(0, colon);
  if (/[*?]/.test(service)) return undefined;
  const actions = serviceActions(service);
  if (!actions) return undefined;
  const namePattern = pattern.slice(colon + 1);
  if (!/[*?]/.test(namePattern)) {
    const one = actions.get(namePattern.toLowerCase());
    return one ? [one] : [];
  }
  return [...actions.values()].filter(info =>
    matchesWildcard(pattern, info.action, true),
  );
}
