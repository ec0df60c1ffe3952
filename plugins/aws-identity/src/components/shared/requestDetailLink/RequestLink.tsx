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

import { Link } from '@backstage/ui';
import { ReactNode } from 'react';
import { useRequestDetailLink } from './useRequestDetailLink';

/**
 * A link to request `id`'s detail page wherever the app mounts the approvals page; where it does
 * not, `unlinked` (by default the same content) as plain text.
 *
 * @public
 */
export function RequestLink(props: { id: string; children: ReactNode; unlinked?: ReactNode; testId?: string }) {
  const detailLink = useRequestDetailLink();
  if (!detailLink) return <>{props.unlinked ?? props.children}</>;
  return (
    <Link href={detailLink(props.id)} variant="body-small" data-testid={props.testId}>
      {props.children}
    </Link>
  );
}
