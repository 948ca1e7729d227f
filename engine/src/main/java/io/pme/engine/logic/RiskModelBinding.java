package io.pme.engine.logic;

/**
 * The risk model as the business logic sees it: its margin model and its parameters.
 */
public interface RiskModelBinding
{
    /** @return the margin model the business logic decides with. */
    MarginModel model();

    /** A new asset: its parameters take the defaults for its symbol. */
    void defineAsset(int assetId, String symbol);

    /**
     * @param assetId an asset id.
     * @return the underlying a wrapped asset stands for (rulebook section 7), −1 when it wraps none.
     */
    default int wrappedUnderlying(final int assetId)
    {
        return -1;
    }

    /**
     * @param assetId a defined asset.
     * @return true when the asset has a scenario grid, so instruments and per-underlying parameters apply to it.
     */
    boolean isUnderlying(int assetId);

    /**
     * Applies a parameter change.
     *
     * @return 0 when applied, else the wire code of the reject reason; nothing changes on a reject.
     */
    int applyParameter(int parameterId, int assetId, int index, double value, double value2);

    /** Back to the shipped defaults, before a snapshot restore re-defines assets and re-applies the log. */
    void resetParameters();

    /**
     * The oracle's factors on an asset's price range and haircuts changed (docs/oracle.md); the margin model is told
     * separately, through {@link MarginModel#onAssetRiskChange(int, MarginListener)}.
     */
    default void scaleAsset(final int assetId, final double rangeScale, final double haircutScale)
    {
    }

    /** @return the asset's price range as the parameters set it, 0 for an asset without a scenario grid. */
    default double basePriceRange(final int assetId)
    {
        return 0.0;
    }

    /** Keeps a copy of the parameter values in force, for {@link #restoreParameters()}. */
    void saveParameters();

    /** Puts back the values {@link #saveParameters()} kept: a set of changes refused in part is undone. */
    void restoreParameters();

    /** A digest of the parameters in force, so a replay under other parameters is detected. */
    long parametersDigest();
}
