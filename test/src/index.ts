/**
 * Entry point of `@internal/aws-identity-test`: the sandbox API (test/sandbox/src), for e2e
 * specs and benchmarks. Plugin code must not import this package.
 *
 * @packageDocumentation
 */
export * from '../sandbox/src';
