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

    /** A digest of the parameters in force, so a replay under other parameters is detected. */
    long parametersDigest();
}
