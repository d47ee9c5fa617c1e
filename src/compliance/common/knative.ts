import { IndexedObject } from '../types';

/**
 * The API group of Knative Serving (Services, Configurations, Revisions), which also prefixes the
 * labels its controller puts on the pods of a Service's revisions (`serving.GroupName`).
 * @see https://github.com/knative/serving/blob/main/pkg/apis/serving/register.go
 */
export const KNATIVE_SERVING_GROUP = 'serving.knative.dev';

/**
 * The label Knative Serving puts on the pods of a Service's revisions, naming the Service
 * (`serving.ServiceLabelKey`); the pods' controller is a ReplicaSet of the Revision's Deployment.
 */
export const KNATIVE_SERVICE_LABEL = `${KNATIVE_SERVING_GROUP}/service`;

/**
 * The label Knative Serving puts on a Revision's Deployment and its pods, naming the Revision
 * (`serving.RevisionLabelKey`); the Deployment's controller is the Revision, which keeps its
 * containers in its spec rather than in a pod template.
 * @see https://github.com/knative/serving/blob/main/pkg/reconciler/revision/resources/deploy.go
 */
export const KNATIVE_REVISION_LABEL = `${KNATIVE_SERVING_GROUP}/revision`;

/** The label Knative Serving puts on the pods of a Configuration's revisions, naming the Configuration (`serving.ConfigurationLabelKey`). */
export const KNATIVE_CONFIGURATION_LABEL = `${KNATIVE_SERVING_GROUP}/configuration`;

/** Whether an object is a Knative Service (`serving.knative.dev`). */
export function isKnativeService(o: IndexedObject): boolean {
  return o.kind === 'Service' && o.group === KNATIVE_SERVING_GROUP;
}
