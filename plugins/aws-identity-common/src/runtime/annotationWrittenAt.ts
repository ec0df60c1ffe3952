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
 * The `metadata` of any Kubernetes object, as far as server-side field ownership goes.
 *
 * @public
 */
export interface ManagedObjectMetadata {
  annotations?: Record<string, string>;
  managedFields?: Array<{ time?: Date | string; fieldsV1?: object }>;
}

/**
 * When an annotation was last written, from the object's `managedFields`: each entry records
 * the fields one manager owns (`f:metadata` → `f:annotations` → `f:<key>`) and when it last
 * changed them (Kubernetes "Server-Side Apply", field management). Undefined when the
 * annotation is absent or no entry owns it (objects written before managed fields existed).
 *
 * @public
 */
export function annotationWrittenAt(
  metadata: ManagedObjectMetadata | undefined,
  annotation: string,
): string | undefined {
  if (metadata?.annotations?.[annotation] === undefined) return undefined;
  const times = (metadata.managedFields ?? [])
    .filter(entry => {
      const fields = entry.fieldsV1 as
        | { 'f:metadata'?: { 'f:annotations'?: Record<string, unknown> } }
        | undefined;
      return fields?.['f:metadata']?.['f:annotations']?.[`f:${annotation}`] !== undefined;
    })
    .map(entry => (entry.time instanceof Date ? entry.time.toISOString() : entry.time))
    .filter((t): t is string => Boolean(t));
  // Several managers may own the key (a shared apply); the latest write is the binding's time.
  return times.sort().at(-1);
}
