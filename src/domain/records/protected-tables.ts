/**
 * Every table whose rows count money or decide how money is counted, apart from the journal itself (which its own hash
 * chain covers). Each row, together with its child rows, is written into the group's record chain in the transaction
 * that inserts it, and verify compares every stored row with its record: an edit of any column, a deleted row or a row
 * slipped in behind the service's back is named by table and row.
 *
 * `key` names a row within its group (joined with `/` when it has several columns); a child table is recorded with its
 * parent, its rows in key order. The order of this list is the order in which verify reports.
 */
export interface ChildTable {
  table: string
  /** The child's column that holds the parent's key. */
  parent: string
  key: readonly string[]
}

export interface ProtectedTable {
  table: string
  key: readonly string[]
  /** The column that names the group (`id` for groups itself). */
  group: string
  children: readonly ChildTable[]
}

export const PROTECTED_TABLES: readonly ProtectedTable[] = [
  { table: 'groups', key: ['id'], group: 'id', children: [] },
  { table: 'accounts', key: ['code'], group: 'group_id', children: [] },
  { table: 'members', key: ['id'], group: 'group_id', children: [] },
  { table: 'funds', key: ['id'], group: 'group_id', children: [] },
  {
    table: 'meetings',
    key: ['id'],
    group: 'group_id',
    children: [{ table: 'meeting_attendees', parent: 'meeting_id', key: ['member_id'] }, { table: 'decisions', parent: 'meeting_id', key: ['position'] }]
  },
  { table: 'loans', key: ['id'], group: 'group_id', children: [{ table: 'loan_installments', parent: 'loan_id', key: ['n'] }] },
  { table: 'loan_repayments', key: ['id'], group: 'group_id', children: [] },
  { table: 'loan_write_offs', key: ['loan_id'], group: 'group_id', children: [] },
  { table: 'periods', key: ['id'], group: 'group_id', children: [] },
  { table: 'shu_distributions', key: ['id'], group: 'group_id', children: [] },
  { table: 'shu_payouts', key: ['id'], group: 'group_id', children: [] },
  { table: 'arisans', key: ['id'], group: 'group_id', children: [{ table: 'arisan_slots', parent: 'arisan_id', key: ['slot', 'member_id'] }] },
  { table: 'arisan_contributions', key: ['id'], group: 'group_id', children: [] },
  { table: 'arisan_rounds', key: ['id'], group: 'group_id', children: [] }
]

export type ProtectedTableName = 'groups' | 'accounts' | 'members' | 'funds' | 'meetings' | 'loans' | 'loan_repayments' |
  'loan_write_offs' | 'periods' | 'shu_distributions' | 'shu_payouts' | 'arisans' | 'arisan_contributions' | 'arisan_rounds'

/**
 * The record that holds the kind and source of the entries posted before hash version 2 (migration 0010 classified
 * them), which their hashes do not cover: `journal_entries/legacy-kinds`.
 */
export const LEGACY_KINDS = { table: 'journal_entries', id: 'legacy-kinds' } as const

export function protectedTable (name: string): ProtectedTable {
  const t = PROTECTED_TABLES.find(x => x.table === name)
  if (t === undefined) throw new Error(`${name} is not a protected table`)
  return t
}
