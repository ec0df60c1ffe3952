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

import { useCallback } from 'react';
import { ProxiedSignInPage, SignInPage } from '@backstage/core-components';
import { SignInPageProps } from '@backstage/core-plugin-api';

/** The auth provider id of an oauth2-proxy in front of the portal (auth.providers.oauth2Proxy). */
export const PROXY_PROVIDER = 'oauth2Proxy';

/**
 * Signs in through the authenticating proxy the portal runs behind, when there is one; the
 * guest sign-in page otherwise.
 *
 * A portal behind oauth2-proxy never shows a sign-in page: the proxy has signed the person in
 * and forwards who they are. The local portal runs behind no proxy, so the proxy provider is
 * either not configured (the backend answers 404) or the request carries no forwarded user;
 * both fall back to the guest page. The sandbox configures the provider so that its browser
 * tests can act as the people of its catalog (a developer and a platform engineer) by sending
 * the headers a proxy would.
 */
export function ProxyOrGuestSignInPage(props: SignInPageProps) {
  const GuestSignIn = useCallback(
    () => <SignInPage {...props} providers={['guest']} />,
    // The sign-in callbacks are stable for the life of the app.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return (
    <ProxiedSignInPage
      {...props}
      provider={PROXY_PROVIDER}
      ErrorComponent={GuestSignIn}
    />
  );
}
