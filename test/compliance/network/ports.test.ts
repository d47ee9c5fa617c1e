import fc from 'fast-check';
import { portsAdded } from '../../../src/compliance/network/model';
import {
  ALL_PORTS, formatPorts, intersectPorts, namedPort, NO_PORTS, parsePorts, PortSet, portRange, Protocol, PROTOCOLS, samePortSets, subtractPorts, unionPorts, wholeProtocol,
} from '../../../src/compliance/network/private/ports';

const protocol = fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP');
const range = fc.tuple(protocol, fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 300 }))
  .map(([p, lo, len]) => portRange(p, lo, Math.min(65535, lo + len)));
const named = fc.tuple(protocol, fc.constantFrom('http', 'grpc')).map(([p, n]) => namedPort(p, n));
const setOf = (part: fc.Arbitrary<PortSet>) => fc.array(part, { maxLength: 5 }).map(parts => parts.reduce<PortSet>((acc, p) => unionPorts(acc, p), NO_PORTS));
/** Port sets with numbers only: names cannot be carved out of a whole protocol, so the set laws hold for numbers. */
const numericSet = setOf(fc.oneof(range, protocol.map(wholeProtocol)));
const portSet = setOf(fc.oneof(range, protocol.map(wholeProtocol), named));

describe('port sets', () => {
  test('format in protocol, then numeric, order', () => {
    expect(formatPorts(unionPorts(portRange('TCP', 10000), unionPorts(portRange('TCP', 8080), portRange('UDP', 53))))).toEqual(['TCP/8080', 'TCP/10000', 'UDP/53']);
    expect(formatPorts(ALL_PORTS)).toEqual(['any']);
    expect(formatPorts(wholeProtocol('UDP'))).toEqual(['UDP/*']);
    expect(formatPorts(unionPorts(portRange('TCP', 80, 81), portRange('TCP', 82)))).toEqual(['TCP/80-82']);
  });

  test('two sets are the same exactly when they are written the same', () => {
    expect(samePortSets(unionPorts(portRange('TCP', 53), portRange('UDP', 53)), unionPorts(portRange('UDP', 53), portRange('TCP', 53)))).toBe(true);
    expect(samePortSets(portRange('TCP', 53), portRange('UDP', 53))).toBe(false);
    expect(samePortSets(unionPorts(wholeProtocol('TCP'), namedPort('TCP', 'http')), wholeProtocol('TCP'))).toBe(true);
    expect(samePortSets(namedPort('TCP', 'http'), namedPort('TCP', 'grpc'))).toBe(false);
    // A pair sharing most of its parts is as likely as two independent sets: both kinds are drawn.
    const pair = fc.oneof(fc.tuple(portSet, portSet), fc.tuple(portSet, portSet).map(([a, b]) => [a, unionPorts(a, intersectPorts(b, a))] as const));
    fc.assert(fc.property(pair, ([a, b]) => samePortSets(a, b) === (formatPorts(a).join() === formatPorts(b).join())), { numRuns: 500 });
  });

  test('subtract a hole out of a range', () => {
    expect(formatPorts(subtractPorts(portRange('TCP', 8000, 8100), portRange('TCP', 8080)))).toEqual(['TCP/8000-8079', 'TCP/8081-8100']);
  });

  test('keep a named port against a whole protocol, drop it against a number', () => {
    expect(formatPorts(intersectPorts(namedPort('TCP', 'https'), wholeProtocol('TCP')))).toEqual(['TCP/https']);
    expect(formatPorts(intersectPorts(namedPort('TCP', 'https'), portRange('TCP', 443)))).toEqual([]);
  });

  test('tell the ports a flow gains', () => {
    expect(portsAdded(['TCP/8080'], ['TCP/8080', 'TCP/8443'])).toEqual(['TCP/8443']);
    expect(portsAdded(['TCP/8080', 'TCP/8443'], ['TCP/8080'])).toEqual([]);
    expect(portsAdded(['TCP/8080'], ['any'])).toEqual(['SCTP/*', 'TCP/1-8079', 'TCP/8081-65535', 'UDP/*']);
  });

  test('parse what they format', () => {
    fc.assert(fc.property(portSet, s => expect(parsePorts(formatPorts(s))).toEqual(s)));
  });

  test('hold exactly the numbered ports a naive set of numbers holds', () => {
    // Small ranges that touch, overlap and nest often, whole protocols, `any` and nothing; the
    // members are checked on ports 1-60 and on 65535, which stands for every port above 60.
    const small = fc.tuple(protocol, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 12 })).map(([p, lo, len]) => portRange(p, lo, lo + len));
    const set = setOf(fc.oneof(small, small, protocol.map(wholeProtocol), fc.constant(ALL_PORTS), fc.constant(NO_PORTS)));
    const universe = PROTOCOLS.flatMap(p => [...Array.from({ length: 60 }, (_, i) => i + 1), 65535].map(port => ({ p, port })));
    const holds = (s: PortSet, p: Protocol, port: number) => formatPorts(s).some(text => {
      if (text === 'any' || text === `${p}/*`) return true;
      if (!text.startsWith(`${p}/`)) return false;
      const [lo, hi = lo] = text.slice(p.length + 1).split('-').map(Number);
      return port >= lo && port <= hi;
    });
    const members = (s: PortSet) => universe.filter(({ p, port }) => holds(s, p, port));
    const model = (a: PortSet, b: PortSet, keep: (inA: boolean, inB: boolean) => boolean) => universe.filter(({ p, port }) => keep(holds(a, p, port), holds(b, p, port)));
    fc.assert(fc.property(set, set, (a, b) => {
      expect(members(unionPorts(a, b))).toEqual(model(a, b, (x, y) => x || y));
      expect(members(intersectPorts(a, b))).toEqual(model(a, b, (x, y) => x && y));
      expect(members(subtractPorts(a, b))).toEqual(model(a, b, (x, y) => x && !y));
    }));
  });

  test('obey the set laws on numbered ports', () => {
    fc.assert(fc.property(numericSet, numericSet, (a, b) => {
      expect(intersectPorts(a, b)).toEqual(intersectPorts(b, a));
      expect(unionPorts(a, b)).toEqual(unionPorts(b, a));
      expect(formatPorts(intersectPorts(subtractPorts(a, b), b))).toEqual([]);
      expect(unionPorts(subtractPorts(a, b), intersectPorts(a, b))).toEqual(unionPorts(a, NO_PORTS));
    }));
  });
});
