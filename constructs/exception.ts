/** An acknowledged exception: why a default is weakened, and until when. */
export interface Exception {
  /** Why it is needed and how it is tracked; written into the manifest. */
  readonly reason: string;
  /**
   * The last day it applies (YYYY-MM-DD). Required when the exception is written as a suppression
   * and the app's `maxSuppressionDays` setting is set, and then at most that many days ahead.
   * @default - no expiry
   */
  readonly expires?: string;
}
