/**
 * Encryption at rest for what must stay secret in the store: the node's private key, the admin
 * token, webhook secrets. Hosts decide where the key lives (a key file beside the data, an
 * environment variable, Forge's encrypted storage); core only seals before writing and opens
 * after reading.
 */
export interface SecretsV1 {
  seal(plainText: string): Promise<string>;
  /** Opens a sealed value; a value stored before sealing existed is returned as it is. */
  open(stored: string): Promise<string>;
}
