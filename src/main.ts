import { CompliantApp } from '../constructs';
import { buildReferencePlatform } from './reference/platform';

/** The reference app: `npm run synth` writes its manifests and evidence into dist/. */
const app = new CompliantApp();
buildReferencePlatform(app);
app.synth();
