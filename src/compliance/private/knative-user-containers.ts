/**
 * The names Knative Serving gives the unnamed containers of a Service's template in the pods of
 * its revisions, so that a Pod's failure can be compared with the Service's: the only container is
 * named `user-container`, each of several `user-container-<index>` (the default of
 * `container-name-template` in the `config-defaults` ConfigMap); a named container keeps its name.
 * @see https://github.com/knative/serving/blob/main/pkg/apis/serving/v1/revision_defaults.go
 */

import { containerLabel } from '../control';
import { ContainerRef } from '../types';

/** The name Knative gives a Service's unnamed container (`UserContainerName`). */
const USER_CONTAINER = 'user-container';

/**
 * The labels of the failure messages of a Knative Service's unnamed containers, as a Pod of its
 * revisions labels them: `container "user-container"` → `containers[0]` for the only container,
 * `container "user-container-1"` → `containers[1]` for the second of several. `containers` are the
 * Service template's, as `containersOf` reads them.
 */
export function userContainerLabels(containers: readonly ContainerRef[]): ReadonlyMap<string, string> {
  const regular = containers.filter(c => c.list === 'containers');
  const labels = new Map<string, string>();
  for (const c of regular) {
    if (typeof c.container.name === 'string' && c.container.name !== '') continue;
    const name = regular.length > 1 ? `${USER_CONTAINER}-${c.index}` : USER_CONTAINER;
    labels.set(containerLabel({ ...c, container: { ...c.container, name } }), containerLabel(c));
  }
  return labels;
}

/**
 * A Pod's failure message as the Knative Service would write it: its leading container label
 * (`container "user-container": …`) replaced by the Service's (`containers[0]: …`) when `labels`
 * ({@link userContainerLabels}) maps it. `undefined` when the message starts with no such label:
 * nothing else of a message is ever changed.
 */
export function asServiceWrites(message: string | undefined, labels: ReadonlyMap<string, string>): string | undefined {
  if (message === undefined) return undefined;
  for (const [podLabel, serviceLabel] of labels) {
    if (message.startsWith(`${podLabel}: `)) return serviceLabel + message.slice(podLabel.length);
  }
  return undefined;
}
