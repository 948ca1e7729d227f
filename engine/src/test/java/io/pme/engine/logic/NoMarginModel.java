package io.pme.engine.logic;

import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;

/**
 * The margin model of {@link NoRiskModel}: every account is unmargined and every check is refused as such.
 */
public final class NoMarginModel implements MarginModel
{
    private final Accounts accounts;

    public NoMarginModel(final Accounts accounts)
    {
        this.accounts = accounts;
    }

    public void settleForSnapshot()
    {
    }

    @Override
    public void settle()
    {
    }

    public boolean isLoaded()
    {
        return false;
    }

    public void refresh(final int slot)
    {
        accounts.figures(slot, Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
    }

    public void onPrice(final int assetId, final MarginListener listener)
    {
    }

    public void onVolatility(final int instrumentId, final MarginListener listener)
    {
    }

    public void onRestore()
    {
    }

    public void onParametersChange(final MarginListener listener)
    {
    }

    public void whatIf(
        final int slot, final int instrumentId, final double signedQuantity, final double price, final int assetId,
        final double balanceDelta, final MarginFigures out)
    {
        out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
    }

    public void withOpenOrders(final int slot, final MarginFigures out)
    {
        out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
    }
}
