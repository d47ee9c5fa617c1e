/** JSON path of a label of an object's metadata, bracketed because label keys hold dots and slashes. */
export function labelPath(key: string): string {
  return `metadata.labels["${key}"]`;
}
