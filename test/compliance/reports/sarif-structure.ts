/**
 * A structural check of SARIF 2.1.0 logs, written from the OASIS SARIF 2.1.0 JSON schema
 * (sarif-schema-2.1.0.json, Committee Specification): for each object kind this report emits,
 * the properties the schema allows (every object kind there has `additionalProperties: false`,
 * except property bags), the properties it requires, and the types, enums and minimums of the
 * values. It covers the object kinds the report uses, not the whole schema.
 */

type DefName = 'sarifLog' | 'run' | 'tool' | 'toolComponent' | 'reportingDescriptor' | 'reportingConfiguration' | 'multiformatMessageString'
  | 'message' | 'invocation' | 'notification' | 'result' | 'location' | 'physicalLocation' | 'artifactLocation' | 'region'
  | 'logicalLocation' | 'suppression' | 'propertyBag';

type Check =
  | { readonly type: 'string' | 'boolean' | 'number' }
  | { readonly type: 'uri' }
  | { readonly type: 'integer'; readonly minimum?: number }
  | { readonly enum: readonly string[] }
  | { readonly ref: DefName }
  | { readonly array: Check; readonly unique?: boolean; readonly minItems?: number }
  | { readonly map: Check }
  | { readonly any: true };

interface Def {
  /** Allowed property names; `undefined` allows any (a property bag). */
  readonly allowed?: readonly string[];
  readonly required?: readonly string[];
  /** At least one of these groups must be fully present. */
  readonly anyOf?: readonly (readonly string[])[];
  readonly props: Readonly<Record<string, Check>>;
}

const str = { type: 'string' } as const;
const uri = { type: 'uri' } as const;
const bool = { type: 'boolean' } as const;
const index = { type: 'integer', minimum: -1 } as const;
const bag = { ref: 'propertyBag' } as const;
const mfms = { ref: 'multiformatMessageString' } as const;
const message = { ref: 'message' } as const;
const LEVELS = ['none', 'note', 'warning', 'error'] as const;

const DEFS: Readonly<Record<DefName, Def>> = {
  sarifLog: {
    allowed: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
    required: ['version', 'runs'],
    props: { $schema: uri, version: { enum: ['2.1.0'] }, runs: { array: { ref: 'run' } }, properties: bag },
  },
  run: {
    allowed: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts',
      'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens',
      'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences',
      'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses',
      'specialLocations', 'properties'],
    required: ['tool'],
    props: {
      tool: { ref: 'tool' }, invocations: { array: { ref: 'invocation' } }, originalUriBaseIds: { map: { ref: 'artifactLocation' } },
      results: { array: { ref: 'result' } }, properties: bag,
    },
  },
  tool: { allowed: ['driver', 'extensions', 'properties'], required: ['driver'], props: { driver: { ref: 'toolComponent' }, properties: bag } },
  toolComponent: {
    allowed: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version',
      'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings',
      'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion',
      'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
    required: ['name'],
    props: { name: str, version: str, informationUri: uri, rules: { array: { ref: 'reportingDescriptor' }, unique: true }, properties: bag },
  },
  reportingDescriptor: {
    allowed: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription',
      'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
    required: ['id'],
    props: {
      id: str, name: str, shortDescription: mfms, fullDescription: mfms, help: mfms, helpUri: uri,
      defaultConfiguration: { ref: 'reportingConfiguration' }, properties: bag,
    },
  },
  reportingConfiguration: {
    allowed: ['enabled', 'level', 'rank', 'parameters', 'properties'],
    props: { enabled: bool, level: { enum: LEVELS }, rank: { type: 'number' }, parameters: bag, properties: bag },
  },
  multiformatMessageString: { allowed: ['text', 'markdown', 'properties'], required: ['text'], props: { text: str, markdown: str, properties: bag } },
  message: {
    allowed: ['text', 'markdown', 'id', 'arguments', 'properties'],
    anyOf: [['text'], ['id']],
    props: { text: str, markdown: str, id: str, arguments: { array: str }, properties: bag },
  },
  invocation: {
    allowed: ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'exitCode', 'ruleConfigurationOverrides',
      'notificationConfigurationOverrides', 'toolExecutionNotifications', 'toolConfigurationNotifications', 'exitCodeDescription',
      'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'executionSuccessful', 'machine', 'account', 'processId',
      'executableLocation', 'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr', 'properties'],
    required: ['executionSuccessful'],
    props: { executionSuccessful: bool, toolExecutionNotifications: { array: { ref: 'notification' } }, properties: bag },
  },
  notification: {
    allowed: ['locations', 'message', 'level', 'threadId', 'timeUtc', 'exception', 'descriptor', 'associatedRule', 'properties'],
    required: ['message'],
    props: { locations: { array: { ref: 'location' }, unique: true }, message, level: { enum: LEVELS }, properties: bag },
  },
  result: {
    allowed: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid',
      'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations',
      'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa',
      'webRequest', 'webResponse', 'properties'],
    required: ['message'],
    props: {
      ruleId: str, ruleIndex: index, kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
      level: { enum: LEVELS }, message, locations: { array: { ref: 'location' } }, partialFingerprints: { map: str },
      fingerprints: { map: str }, suppressions: { array: { ref: 'suppression' }, unique: true }, properties: bag,
    },
  },
  location: {
    allowed: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
    props: {
      id: index, physicalLocation: { ref: 'physicalLocation' }, logicalLocations: { array: { ref: 'logicalLocation' }, unique: true },
      message, properties: bag,
    },
  },
  physicalLocation: {
    allowed: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
    anyOf: [['address'], ['artifactLocation']],
    props: { artifactLocation: { ref: 'artifactLocation' }, region: { ref: 'region' }, contextRegion: { ref: 'region' }, properties: bag },
  },
  artifactLocation: {
    allowed: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
    props: { uri: { type: 'string' }, uriBaseId: str, index, description: message, properties: bag },
  },
  region: {
    allowed: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet',
      'message', 'sourceLanguage', 'properties'],
    props: {
      startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 },
      endColumn: { type: 'integer', minimum: 1 }, message, properties: bag,
    },
  },
  logicalLocation: {
    allowed: ['name', 'index', 'fullyQualifiedName', 'decoratedName', 'parentIndex', 'kind', 'properties'],
    props: { name: str, index, fullyQualifiedName: str, decoratedName: str, parentIndex: index, kind: str, properties: bag },
  },
  suppression: {
    allowed: ['guid', 'kind', 'state', 'justification', 'location', 'properties'],
    required: ['kind'],
    props: {
      kind: { enum: ['inSource', 'external'] }, state: { enum: ['accepted', 'underReview', 'rejected'] }, justification: str,
      location: { ref: 'location' }, properties: bag,
    },
  },
  propertyBag: { props: { tags: { array: str, unique: true } } },
};

/**
 * The violations of the SARIF 2.1.0 structure in `log`, as `path: problem` strings; empty when
 * the log conforms.
 */
export function sarifViolations(log: unknown): string[] {
  const out: string[] = [];
  checkDef(log, 'sarifLog', '$', out);
  return out;
}

function checkDef(value: unknown, name: DefName, path: string, out: string[]): void {
  const def = DEFS[name];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.push(`${path}: ${name} must be an object`);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (def.allowed) for (const key of Object.keys(obj)) if (!def.allowed.includes(key)) out.push(`${path}.${key}: not a property of ${name}`);
  for (const key of def.required ?? []) if (!(key in obj)) out.push(`${path}: ${name} requires ${key}`);
  if (def.anyOf && !def.anyOf.some(group => group.every(k => k in obj))) out.push(`${path}: ${name} requires one of ${def.anyOf.map(g => g.join('+')).join(', ')}`);
  for (const [key, check] of Object.entries(def.props)) if (key in obj) checkValue(obj[key], check, `${path}.${key}`, out);
}

function checkValue(value: unknown, check: Check, path: string, out: string[]): void {
  if ('any' in check) return;
  if ('ref' in check) return checkDef(value, check.ref, path, out);
  if ('enum' in check) {
    if (!check.enum.includes(value as string)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${check.enum.join(', ')}`);
    return;
  }
  if ('array' in check) {
    if (!Array.isArray(value)) return void out.push(`${path}: must be an array`);
    if (check.minItems !== undefined && value.length < check.minItems) out.push(`${path}: needs ${check.minItems} items`);
    if (check.unique && new Set(value.map(v => JSON.stringify(v))).size !== value.length) out.push(`${path}: items must be unique`);
    value.forEach((v, i) => checkValue(v, check.array, `${path}[${i}]`, out));
    return;
  }
  if ('map' in check) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return void out.push(`${path}: must be an object`);
    for (const [k, v] of Object.entries(value)) checkValue(v, check.map, `${path}.${k}`, out);
    return;
  }
  switch (check.type) {
    case 'string': if (typeof value !== 'string') out.push(`${path}: must be a string`); return;
    case 'boolean': if (typeof value !== 'boolean') out.push(`${path}: must be a boolean`); return;
    case 'number': if (typeof value !== 'number') out.push(`${path}: must be a number`); return;
    case 'uri':
      if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) out.push(`${path}: must be an absolute URI`);
      return;
    case 'integer':
      if (!Number.isInteger(value)) out.push(`${path}: must be an integer`);
      else if (check.minimum !== undefined && (value as number) < check.minimum) out.push(`${path}: must be at least ${check.minimum}`);
      return;
  }
}
