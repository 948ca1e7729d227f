package io.pme.engine.logic;

import io.pme.codecs.RejectReason;
import io.pme.engine.state.Accounts;

/**
 * A test double for an engine with no risk model loaded: parameters cannot be changed and no margin figure is ever
 * made up. The engine's default is the real model; a test that wants this one asks for it.
 */
public final class NoRiskModel implements RiskModelBinding
{
    private final MarginModel model;

    public NoRiskModel(final Accounts accounts)
    {
        model = new NoMarginModel(accounts);
    }

    public MarginModel model()
    {
        return model;
    }

    public void defineAsset(final int assetId, final String symbol)
    {
    }

    // without a model nothing is margined anyway: instruments are defined on any asset but USD, as they were
    public boolean isUnderlying(final int assetId)
    {
        return true;
    }

    public int applyParameter(
        final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        return RejectReason.MARGIN_MODEL_NOT_LOADED.value();
    }

    public void resetParameters()
    {
    }

    public void saveParameters()
    {
    }

    public void restoreParameters()
    {
    }

    public long parametersDigest()
    {
        return 0;
    }
}
