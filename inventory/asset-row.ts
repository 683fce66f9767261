/** What an asset is: a computer (its agent tells of it, or an import), or equipment an import brings. */
export const ASSET_KINDS = ['computer', 'monitor', 'printer', 'phone', 'network_device'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** A row of `assets`, as raw queries read it. */
export interface AssetRow {
  id: number;
  kind: AssetKind;
  entity_id: number;
  name: string;
  serial: string | null;
  uuid: string | null;
  manufacturer: string | null;
  model: string | null;
  type: string | null;
  os_name: string | null;
  os_version: string | null;
  os_arch: string | null;
  memory_mb: number | null;
  last_user: string | null;
  /** JSON: the BIOS, CPUs, disks and network cards, as the agent last told them. */
  components: string;
  state: 'in_use' | 'in_stock' | 'in_repair' | 'retired';
  location: string | null;
  user_id: number | null;
  purchase_date: string | null;
  warranty_end: string | null;
  device_id: string | null;
  last_inventory_at: Date | null;
}
