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
import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';

/** The path of the AWS identity tab under an entity's page (the entity content's `path`). */
export const IDENTITY_TAB_PATH = 'aws-identity';

/**
 * A function from an entity ref to the href of that entity's AWS identity tab, wherever the app
 * mounts entity pages.
 */
export function useIdentityTabHref(): (entityRef: string) => string {
  const entityLink = useEntityRefLink();
  return entityRef =>
    `${entityLink(parseEntityRef(entityRef)).replace(
      /\/$/,
      '',
    )}/${IDENTITY_TAB_PATH}`;
}
