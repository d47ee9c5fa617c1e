/** The API group of KEDA's ScaledObjects and ScaledJobs. */
export const KEDA_GROUP = 'keda.sh';

/**
 * The label KEDA puts on the Jobs of a ScaledJob and on their pod template, so on their pods,
 * naming the ScaledJob. KEDA makes each Job from `spec.jobTargetRef` with the ScaledJob as its
 * controller and `generateName: <scaledjob>-`.
 * @see https://github.com/kedacore/keda/blob/main/pkg/scaling/executor/scale_jobs.go
 */
export const SCALED_JOB_LABEL = 'scaledjob.keda.sh/name';
