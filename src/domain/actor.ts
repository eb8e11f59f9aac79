/** Who made a write: an API key's id and name, kept on every row and in the hash of every entry. */
export interface Actor {
  id: string
  name: string
}
