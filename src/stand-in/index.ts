export { startStandIn, API_PREFIX, type StandIn, type StandInOptions, type TokenPatch } from './server.js';
export { sampleWorld, HEADLINE_SAMPLES, type SampleWorld, type SampleTokenName } from './samples.js';
export { fakeHex32, fakeTokenValue } from './ids.js';
export { REQUIRED_PERMISSIONS, missingPermissions } from './permissions.js';
export type * from './model.js';
