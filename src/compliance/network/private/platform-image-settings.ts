import { ResolvedComplianceConfig } from '../../config';

/** The settings that name mirrors of the platforms' injected images. */
export type PlatformImageSettings = Pick<ResolvedComplianceConfig, 'istioProxyImages' | 'knativeQueueImages'>;
