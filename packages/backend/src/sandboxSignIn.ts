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
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  oauth2ProxyAuthenticator,
  oauth2ProxySignInResolvers,
} from '@backstage/plugin-auth-backend-module-oauth2-proxy-provider';
import {
  authProvidersExtensionPoint,
  commonSignInResolvers,
  createProxyAuthProviderFactory,
  createSignInResolverFactory,
} from '@backstage/plugin-auth-node';

/**
 * The library's `forwardedUserMatchingUserEntityName`, except that a request without
 * `X-Forwarded-User` is "not signed in" (401) rather than a server error: the sign-in page asks
 * every configured provider for a session on each load, and a guest has no header, so the
 * library's plain `Error` logged a 500 for every guest page view.
 */
const forwardedUserMatchingUserEntityName = createSignInResolverFactory({
  create() {
    return async (info: { result: { getHeader(name: string): string | undefined } }, ctx) => {
      const name = info.result.getHeader('x-forwarded-user');
      if (!name) throw new AuthenticationError('No X-Forwarded-User header: not signed in through the proxy');
      return ctx.signInWithCatalogUser({ entityRef: { name } });
    };
  },
});

/** Hosts that only this machine can reach. */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

/**
 * The sandbox's header sign-in: the `oauth2Proxy` provider, which believes whatever
 * `X-Forwarded-User` a request carries. It is installed only when the sandbox's config overlay
 * enables it (`auth.providers.oauth2Proxy`), so an ordinary portal has no such provider (and
 * its guest page loads log no 500 "Request did not contain a user" from it). Anyone who can
 * reach a backend that has it can sign in as anyone, so the backend refuses to start with it
 * unless `backend.listen.host` is a loopback address.
 */
export const sandboxSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'sandbox-header-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint, config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ providers, config, logger }) {
        if (!config.has('auth.providers.oauth2Proxy')) return;
        const host = config.getOptionalString('backend.listen.host');
        if (!host || !LOOPBACK_HOSTS.includes(host)) {
          throw new Error(
            `auth.providers.oauth2Proxy (the sandbox's header sign-in) trusts X-Forwarded-User from any caller; refusing to start with backend.listen.host ${
              host ? `"${host}"` : 'unset (all interfaces)'
            }: set it to 127.0.0.1, or put a real oauth2-proxy in front and remove the sandbox overlay`,
          );
        }
        logger.warn(`Header sign-in (oauth2Proxy) enabled by the sandbox overlay; listening on ${host} only`);
        providers.registerProvider({
          providerId: 'oauth2Proxy',
          factory: createProxyAuthProviderFactory({
            authenticator: oauth2ProxyAuthenticator,
            signInResolverFactories: {
              ...commonSignInResolvers,
              ...oauth2ProxySignInResolvers,
              forwardedUserMatchingUserEntityName,
            },
          }),
        });
      },
    });
  },
});
