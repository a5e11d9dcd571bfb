import { BITS_CATALOGUE_ENTRIES } from "./catalogue-entries.ts";
import { type BitsCatalogue, defineBitsCatalogue } from "./catalogue-rules.ts";

/**
 * The catalogue, checked by {@link defineBitsCatalogue} when it loads (the EBS, the sync command, the tests).
 * A browser page that only needs the SKUs reads {@link BITS_CATALOGUE_ENTRIES}, the same data without the
 * checking code.
 */
export const BITS_CATALOGUE: BitsCatalogue = defineBitsCatalogue(BITS_CATALOGUE_ENTRIES);
