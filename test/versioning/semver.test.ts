import semverPackage from 'semver';
import { describe, expect, it } from 'vitest';
import * as semver from '../../src/versioning/semver.js';

describe('the semver facade', () => {
  it('exports exactly the functions gitops-init uses', () => {
    expect(Object.keys(semver).sort()).toEqual(['compare', 'eq', 'gt', 'inc', 'lt', 'parse', 'valid']);
  });

  it('behaves as the semver package for each function', () => {
    const versions = ['1.2.3', '1.2.3-rc.1', '1.2.3+build.5', '0.0.0', '10.0.0', 'v1.2.3', 'not a version', '1.2'];
    for (const version of versions) {
      expect(semver.valid(version)).toBe(semverPackage.valid(version));
      expect(semver.parse(version)?.version).toBe(semverPackage.parse(version)?.version);
      expect(semver.inc(version, 'minor')).toBe(semverPackage.inc(version, 'minor'));
      expect(semver.inc(version, 'prerelease', 'rc')).toBe(semverPackage.inc(version, 'prerelease', 'rc'));
    }
    const valid = versions.filter((version) => semverPackage.valid(version) !== null);
    for (const a of valid) {
      for (const b of valid) {
        expect(semver.compare(a, b)).toBe(semverPackage.compare(a, b));
        expect(semver.eq(a, b)).toBe(semverPackage.eq(a, b));
        expect(semver.gt(a, b)).toBe(semverPackage.gt(a, b));
        expect(semver.lt(a, b)).toBe(semverPackage.lt(a, b));
      }
    }
  });

  it('spot checks: prerelease below release, build metadata ignored, invalid input rejected', () => {
    expect(semver.lt('1.0.0-rc.1', '1.0.0')).toBe(true);
    expect(semver.eq('1.0.0+a', '1.0.0+b')).toBe(true);
    expect(semver.gt('1.10.0', '1.9.0')).toBe(true);
    expect(semver.valid('v1.2.3')).toBe('1.2.3');
    expect(semver.parse('nope')).toBeNull();
    expect(() => semver.compare('nope', '1.0.0')).toThrow(TypeError);
  });
});
