import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockedReason, isAllowedAddress } from './ip-policy.ts';

/** The hostname the WHATWG URL parser produces: what safeFetch actually checks. */
const hostOf = (url: string): string => new URL(url).hostname;

describe('address policy', () => {
  it('refuses loopback, private, link-local, metadata, CGNAT, multicast and 0.0.0.0 IPv4', () => {
    for (const ip of [
      '127.0.0.1',
      '127.1.2.3',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
    ]) {
      assert.notEqual(blockedReason(ip), null, ip);
    }
  });

  it('allows public IPv4 and the addresses right outside private ranges', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1']) {
      assert.equal(blockedReason(ip), null, ip);
    }
  });

  it('refuses IPv6 loopback, unspecified, unique-local (incl. AWS metadata fd00:ec2::254), link-local', () => {
    for (const ip of [
      '::1',
      '::',
      'fc00::1',
      'fd00:ec2::254',
      'fe80::1',
      'ff02::1',
      '[::1]',
      'fe80::1%eth0',
    ]) {
      assert.notEqual(blockedReason(ip), null, ip);
    }
    assert.equal(blockedReason('2606:4700:4700::1111'), null);
  });

  it('refuses IPv4-mapped, compatible, NAT64 and 6to4 IPv6 forms of private addresses', () => {
    for (const ip of [
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '::ffff:10.1.2.3',
      '::127.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '2002:c0a8:0101::1',
    ]) {
      assert.notEqual(blockedReason(ip), null, ip);
    }
    assert.equal(blockedReason('::ffff:8.8.8.8'), null);
  });

  it('sees through decimal, octal, hex and short IPv4 spellings (as URLs parse them)', () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0177.0.0.1/',
      'http://0x7f.1/',
      'http://127.1/',
      'http://0/',
      'http://2852039166/', // 169.254.169.254
      'http://[::ffff:127.0.0.1]/',
    ]) {
      assert.notEqual(blockedReason(hostOf(url)), null, url);
    }
  });

  it('allowLoopback permits loopback only, never private or metadata addresses', () => {
    const policy = { allowLoopback: true };
    assert.equal(isAllowedAddress('127.0.0.1', policy), true);
    assert.equal(isAllowedAddress('::1', policy), true);
    assert.equal(isAllowedAddress('::ffff:127.0.0.1', policy), true);
    assert.equal(isAllowedAddress('10.0.0.1', policy), false);
    assert.equal(isAllowedAddress('169.254.169.254', policy), false);
    assert.equal(isAllowedAddress('0.0.0.0', policy), false);
  });

  it('refuses anything that is not a literal address', () => {
    assert.notEqual(blockedReason('localhost'), null);
    assert.notEqual(blockedReason('example.org'), null);
  });
});
