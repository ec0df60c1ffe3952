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

import { Button } from '@backstage/ui';
import { useEffect, useState } from 'react';

/**
 * Copies a text to the clipboard; says "Copied" for a moment afterwards.
 *
 * @public
 */
export function CopyButton(props: {
  text: string;
  /** What is copied, for the accessible name: "Copy role ARN". */
  what: string;
}) {
  const { text, what } = props;
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <Button
      size="small"
      variant="secondary"
      aria-label={`Copy ${what}`}
      onPress={copy}
    >
      {state === 'copied' && 'Copied'}
      {state === 'failed' && 'Copy failed'}
      {state === 'idle' && 'Copy'}
    </Button>
  );
}
