import '@testing-library/jest-dom';

// The interaction tests type and click through whole pages; on a two-core CI machine running the
// other suites in parallel they can take longer than Jest's 5 s default without being wrong.
jest.setTimeout(30_000);
