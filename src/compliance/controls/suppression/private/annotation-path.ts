/** JSON path of an annotation, bracketed because annotation keys hold dots and slashes. */
export function annotationPath(key: string, metadataPath = 'metadata'): string {
  return `${metadataPath}.annotations["${key}"]`;
}
