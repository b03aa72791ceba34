/**
 * Plain Jest 27 config, run directly by scripts/test.js (`flex-plugin test` passes --run-script to jest, which
 * rejects it). Built from the preset that `flex-plugin test` would use (@twilio/flex-plugin-test: babel-preset-react-app
 * transform, moduleDirectories, polyfills), with our own setup file, environment and test locations.
 *
 * Note: `flex-plugin test` would call this file as a customizer function `(config, env) => config`; `flex-plugin build`
 * and `flex-plugin start` never read it.
 */
const fs = require('fs');
const path = require('path');
const buildFlexPreset = require('@twilio/flex-plugin-test').default;

const preset = buildFlexPreset();

// Folders that hold Jest unit tests. `tests/unit` is the place for tests that do not sit next to their source;
// other folders under tests/ (e.g. tests/browser, Playwright) belong to other suites and are never run by Jest.
const testRoots = ['src', 'tests/unit', 'sandbox'].filter((dir) => fs.existsSync(path.join(__dirname, dir)));

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Transform node_modules only for packages that ship ESM only (date-fns, imported by @twilio/flex-ui), at any depth.
const ESM_PACKAGES = ['date-fns'];
const esmAlternation = ESM_PACKAGES.map(escapeRegExp).join('|');

// Jest 27 ignores package.json `exports`. Packages whose `main` is ESM (fast-check 4) or whose subpaths exist only in
// `exports` (pure-rand, used by fast-check) are mapped to the files Node itself resolves for require() (the CommonJS
// builds). Each entry: [package, package whose node_modules it is resolved from].
const EXPORTS_ONLY_PACKAGES = [
  ['fast-check', '.'],
  ['pure-rand', 'fast-check'],
];
function requireConditionMappings([name, from]) {
  const fromDir = from === '.' ? __dirname : path.dirname(require.resolve(`${from}/package.json`));
  const pkgJson = require.resolve(`${name}/package.json`, { paths: [fromDir] });
  const { exports = {} } = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
  const keys = Object.keys(exports).filter((key) => key.startsWith('.'));
  const subpaths = keys.length > 0 ? keys : ['.'];
  return subpaths
    .filter((subpath) => !subpath.includes('*') && !subpath.endsWith('.json'))
    .map((subpath) => {
      const request = name + subpath.slice(1);
      return [`^${escapeRegExp(request)}$`, require.resolve(request, { paths: [fromDir] })];
    });
}
const exportsMappings = Object.fromEntries(EXPORTS_ONLY_PACKAGES.flatMap(requireConditionMappings));

/** @type {import('@jest/types').Config.InitialOptions} */
const unitProject = {
  ...preset,
  rootDir: __dirname,
  roots: testRoots.map((dir) => `<rootDir>/${dir}`),
  testEnvironment: 'jsdom',
  testMatch: [
    '<rootDir>/src/**/*.test.{ts,tsx}',
    '<rootDir>/tests/unit/**/*.test.{ts,tsx}',
    '<rootDir>/sandbox/**/*.test.{ts,tsx}',
  ],
  setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'],
  moduleNameMapper: { ...preset.moduleNameMapper, ...exportsMappings },
  transformIgnorePatterns: [
    `^(?!.*[/\\\\]node_modules[/\\\\](?:${esmAlternation})[/\\\\]).*[/\\\\]node_modules[/\\\\].+\\.(js|jsx|mjs|cjs|ts|tsx)$`,
    '^.+\\.module\\.(css|sass|scss)$',
  ],
  // Jest's own cache lives outside the repo; coverage (when asked for with --coverage) goes to coverage/.
  coverageDirectory: '<rootDir>/coverage',
};

// The admin command (scripts/configure) is Node code talking HTTP: its tests run in Node, without the jsdom setup file
// (which patches HTMLMediaElement, absent outside jsdom), so they form a project of their own.
const adminCommandProject = {
  ...unitProject,
  displayName: 'configure',
  roots: ['<rootDir>/scripts/configure'],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/scripts/configure/**/*.test.ts'],
  setupFilesAfterEnv: [],
};

module.exports = { projects: [unitProject, adminCommandProject], coverageDirectory: unitProject.coverageDirectory };
