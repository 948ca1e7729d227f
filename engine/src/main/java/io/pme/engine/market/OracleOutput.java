package io.pme.engine.market;

/**
 * Where the oracle's decisions go: {@code OracleStatus} and {@code ParameterChange} (EFFECTIVE) frames, answered to
 * the input that caused them.
 */
public interface OracleOutput
{
    /**
     * An index decision, with the quality it was made on.
     *
     * @param assetId        the asset.
     * @param status         {@link io.pme.engine.state.OracleBook#NORMAL}, {@code PENDING} or {@code DEGRADED}.
     * @param previousStatus the status before.
     * @param cause          the {@code OracleCause} wire value.
     * @param sourceId       the input's source, -1 when time passing caused it.
     * @param index          the index margin uses.
     * @param candidate      what the sources say now, NaN without a quorum.
     * @param fresh          listed sources within the maximum age.
     * @param used           of those, within the drop band.
     * @param spread         (highest − lowest) / median of those used.
     * @param oldestAgeNs    age of the oldest used.
     */
    void oracleStatus(int assetId, byte status, byte previousStatus, int cause, int sourceId, double index,
        double candidate, int fresh, int used, double spread, long oldestAgeNs);

    /**
     * The oracle's factors on an asset changed.
     *
     * @param assetId      the asset.
     * @param priceRange   the price range in force, 0 for an asset without one.
     * @param haircutScale the factor on its haircuts.
     * @param nowNs        the message time of the decision.
     */
    void effectiveParameters(int assetId, double priceRange, double haircutScale, long nowNs);
}
