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

import { Flex, Text } from '@backstage/ui';
import { createContext, ReactNode, useContext, useId } from 'react';

/**
 * Id of the heading of the enclosing service account section, so that each
 * subsection's accessible name says which service account it is about
 * ("Trust evaluation, Service account reports/reports on sandbox-east").
 */
export const SectionHeadingContext = createContext<string | undefined>(
  undefined,
);

/**
 * A labelled region inside a service account section: heading plus content.
 *
 * @public
 */
export function Subsection(props: {
  title: string;
  children: ReactNode;
  testId?: string;
  /** Heading level; sections inside a service account use h4. */
  level?: 'h3' | 'h4';
}) {
  const id = useId();
  const parentHeading = useContext(SectionHeadingContext);
  return (
    <section
      aria-labelledby={parentHeading ? `${id} ${parentHeading}` : id}
      data-testid={props.testId}
    >
      <Flex direction="column" gap="2">
        <Text as={props.level ?? 'h4'} variant="title-x-small" id={id}>
          {props.title}
        </Text>
        {props.children}
      </Flex>
    </section>
  );
}
