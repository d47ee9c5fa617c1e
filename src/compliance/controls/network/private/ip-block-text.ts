/** How the network controls write an ipBlock in their messages. */

/** ` (except a, b)` for an ipBlock with exceptions, else nothing. */
export function exceptText(except: unknown): string {
  return !Array.isArray(except) || except.length === 0 ? '' : ` (except ${except.map(String).join(', ')})`;
}

/** `, every address` or `, every address but the excepted ranges`. */
export function everyAddressText(except: unknown): string {
  return Array.isArray(except) && except.length > 0 ? ', every address but the excepted ranges' : ', every address';
}
