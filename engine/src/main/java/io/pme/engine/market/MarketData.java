package io.pme.engine.market;

import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.logic.Checks;
import io.pme.engine.logic.MarginListener;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * Where a tick is handled: a source's oracle price goes to the {@link Oracle}, which decides the index margin sees;
 * an option volatility is validated, stored in the engine state with its message time, advances the clock, and is
 * handed to the margin model, which moves every account it concerns
 * ({@link io.pme.engine.margin.PortfolioRiskModel#onPrice}, {@code onVolatility}).
 */
public final class MarketData
{
    private final EngineState state;
    private final Instruments instruments;
    private final RiskModelBinding risk;
    private final MarginListener listener;
    private final Oracle oracle;

    /**
     * @param state    the engine state the prices and volatilities are stored in.
     * @param risk     the risk model told of every change.
     * @param listener told of the account state changes a tick causes.
     * @param oracle   what decides the index from the source prices.
     */
    public MarketData(
        final EngineState state, final RiskModelBinding risk, final MarginListener listener, final Oracle oracle)
    {
        this.oracle = oracle;
        this.state = state;
        this.instruments = state.instruments();
        this.risk = risk;
        this.listener = listener;
    }

    /**
     * A source's price of an asset: the oracle decides the index from it (docs/oracle.md); margin sees the index.
     *
     * @param message the decoded input.
     * @return {@link RejectReason#NONE} when applied, else why nothing changed.
     */
    public RejectReason onOraclePrice(final OraclePriceDecoder message)
    {
        return oracle.onOraclePrice(message);
    }

    /**
     * An option's mark implied volatility, within the bounds of {@link Checks#isVolatility(double)}.
     *
     * @param message the decoded input.
     * @return {@link RejectReason#NONE} when applied, else why nothing changed.
     */
    public RejectReason onOptionVolatility(final OptionVolatilityDecoder message)
    {
        final int instrumentId = message.instrumentId();
        if (!instruments.isDefined(instrumentId))
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (!instruments.isOption(instrumentId))
        {
            return RejectReason.INVALID_VALUE;
        }
        final double vol = message.volatility();
        if (!Checks.isVolatility(vol))
        {
            return RejectReason.INVALID_VALUE;
        }
        instruments.vol(instrumentId, vol, message.timestampNs());
        state.advanceClock(message.timestampNs());
        risk.model().onVolatility(instrumentId, listener);
        return RejectReason.NONE;
    }
}
