module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The adversarial harness asserts through helpers (expectRefused, backend.expectNothingStored…).
    'jest/expect-expect': ['warn', { assertFunctionNames: ['expect', 'expect*', '*.expect*'] }],
  },
});
