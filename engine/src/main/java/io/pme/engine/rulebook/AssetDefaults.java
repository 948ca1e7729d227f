package io.pme.engine.rulebook;

/**
 * Per-symbol defaults read from a parameter file, copied into an asset's slots when the asset is defined.
 */
final class AssetDefaults
{
    final double[] tierBounds;
    final double[] tierHaircuts;
    final double priceRange;
    final double pnlOffset;
    final int correlationSet;
    final String wraps;
    final double depegShock;

    AssetDefaults(
        final double[] tierBounds,
        final double[] tierHaircuts,
        final double priceRange,
        final double pnlOffset,
        final int correlationSet)
    {
        this(tierBounds, tierHaircuts, priceRange, pnlOffset, correlationSet, null, 0.0);
    }

    AssetDefaults(
        final double[] tierBounds,
        final double[] tierHaircuts,
        final double priceRange,
        final double pnlOffset,
        final int correlationSet,
        final String wraps,
        final double depegShock)
    {
        this.tierBounds = tierBounds;
        this.tierHaircuts = tierHaircuts;
        this.priceRange = priceRange;
        this.pnlOffset = pnlOffset;
        this.correlationSet = correlationSet;
        this.wraps = wraps;
        this.depegShock = depegShock;
    }
}
