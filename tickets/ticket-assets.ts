/** An asset as a ticket keeps it once linked: what the warehouse groups tickets by. */
export interface LinkedAsset {
  id: number;
  manufacturer: string | null;
  model: string | null;
}

/** The ticket's linked assets from its row's `assets` column, in ascending id order. */
export const linkedAssetsOf = (stored: string | null | undefined): LinkedAsset[] => (stored ? (JSON.parse(stored) as LinkedAsset[]) : []);

/** The `assets` column for these linked assets: null when there are none. */
export const storedLinkedAssets = (assets: readonly LinkedAsset[]): string | null =>
  assets.length === 0
    ? null
    : JSON.stringify([...assets].sort((a, b) => a.id - b.id).map(({ id, manufacturer, model }) => ({ id, manufacturer, model })));

const distinctKnown = (values: (string | null)[]): string[] => [...new Set(values.filter((value): value is string => !!value))].sort();

/**
 * The makers and models a ticket's events carry to the warehouse, each once: a model is named
 * with its maker ("Dell Inc. OptiPlex 7090"), as two makers may use one model name.
 * @example assetDimensionsOf([{ id: 1, manufacturer: 'Dell Inc.', model: 'OptiPlex 7090' }]) // { manufacturers: ['Dell Inc.'], models: ['Dell Inc. OptiPlex 7090'] }
 */
export function assetDimensionsOf(assets: readonly LinkedAsset[]): { manufacturers: string[]; models: string[] } {
  return {
    manufacturers: distinctKnown(assets.map((asset) => asset.manufacturer)),
    models: distinctKnown(assets.map((asset) => asset.model && [asset.manufacturer, asset.model].filter(Boolean).join(' '))),
  };
}

/** The asset ids an edit adds and removes. */
export function assetLinkChanges(before: readonly number[], after: readonly number[]): { added: number[]; removed: number[] } {
  return { added: after.filter((id) => !before.includes(id)), removed: before.filter((id) => !after.includes(id)) };
}
