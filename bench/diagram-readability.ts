// Prints, for each shipped lifecycle drawn in French, its arrows, the points where two arrows
// cross, and the length of all its arrows: the figures a change to the diagrams' drawing is
// measured by (before and after, in bench/README.md).
import { readabilityOf, type Readability } from '../diagrams/layout-readability';
import { layoutProcess } from '../diagrams/lifecycle-layout';
import { lifecycleProcess } from '../diagrams/lifecycle-process';
import { SHIPPED_LIFECYCLES } from '../lifecycles/shipped-lifecycles';

/** Each shipped lifecycle's figures, by its key. */
export async function shippedReadability(): Promise<Record<string, Readability>> {
  const figures: Record<string, Readability> = {};
  for (const definition of SHIPPED_LIFECYCLES)
    figures[definition.key] = readabilityOf(await layoutProcess(lifecycleProcess(definition, 'fr')));
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [key, { arrows, crossings, totalLength }] of Object.entries(await shippedReadability()))
    console.log(`${key}: ${arrows} arrows, ${crossings} crossings, total length ${totalLength}`);
}
