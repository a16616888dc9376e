/** Outbound HTTP for link checks and harvests: SSRF-safe fetch, address policy, per-host limits. */
export { createHostLimiter, type HostLimiter } from './host-limiter.ts';
export { type AddressPolicy, blockedReason, isAllowedAddress } from './ip-policy.ts';
export { NetError, type NetFailure } from './net-error.ts';
export { type Resolver, type SafeFetchOptions, type SafeFetchResponse, safeFetch } from './safe-fetch.ts';
