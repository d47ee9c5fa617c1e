/**
 * Go's `strconv.ParseBool`, which controllers written in Go (ingress-nginx, Istio, the GKE and
 * NGINX Inc controllers) apply to boolean annotations: `1`, `t`, `T`, `TRUE`, `true`, `True` are
 * true; `0`, `f`, `F`, `FALSE`, `false`, `False` false; anything else is not a boolean
 * (`undefined`), and the controller then keeps its default.
 */
export function goParseBool(value: string | undefined): boolean | undefined {
  switch (value) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True': return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False': return false;
    default: return undefined;
  }
}
