package io.pme.engine.logic;

import org.agrona.concurrent.UnsafeBuffer;
import io.pme.engine.state.Encodings;
import io.pme.codecs.ParameterId;
import io.pme.codecs.RejectReason;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;
import org.junit.jupiter.api.Test;

import static io.pme.engine.logic.BoundsEngine.BTC;
import static io.pme.engine.logic.BoundsEngine.ETH;
import static io.pme.engine.logic.BoundsEngine.OPTION;
import static io.pme.engine.logic.BoundsEngine.PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SPOT;
import static io.pme.engine.logic.BoundsEngine.TRADER;
import static io.pme.engine.logic.BoundsEngine.USD;
import static io.pme.engine.logic.BoundsEngine.USDC;
import static io.pme.engine.logic.BoundsEngine.parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Every parameter change can be undone: RESET_TO_DEFAULT brings each parameter, and with it every account's
 * figures, back to what the parameter file gives, and a snapshot taken after sets and resets restores the same
 * state and parameters.
 */
class ParameterResetTest
{
    /** One change of each parameter away from its default, as (name, assetId, index, value, value2). */
    private static final Object[][] CHANGES = {
        { "PRICE_RANGE", BTC, 0, 0.3, 0.0 },
        { "PNL_OFFSET", ETH, 0, 0.1, 0.0 },
        { "VOL_RANGE_UP", -1, 0, 1.5, 0.0 },
        { "VOL_RANGE_DOWN", -1, 0, 0.6, 0.0 },
        { "MIN_VOL_FOR_SHOCK_UP", -1, 0, 0.9, 0.0 },
        { "SHORT_TERM_VEGA_POWER", -1, 0, 0.9, 0.0 },
        { "LONG_TERM_VEGA_POWER", -1, 0, 0.5, 0.0 },
        { "TAIL_SHOCK", -1, 3, 5.0, 0.0 },
        { "OPTION_CONTINGENCY", -1, 0, 0.05, 0.0 },
        { "LINEAR_CONTINGENCY", -1, 0, 0.05, 0.0 },
        { "MM_FACTOR", -1, 0, 0.3, 0.0 },
        { "RISK_FREE_RATE", -1, 0, 0.2, 0.0 },
        { "HAIRCUT_TIER", USD, 1, 1e6, 0.5 },
        { "CORRELATION_SET", BTC, 0, 0.0, 0.0 },
    };

    private final BoundsEngine engine = new BoundsEngine();

    @Test
    void everyParameterComesBackWithTheFiguresItMoved()
    {
        holdAMixedBook();
        final long defaults = engine.risk.parametersDigest();
        final double[] figures = figures();
        for (final Object[] change : CHANGES)
        {
            final String name = (String)change[0];
            final int assetId = (Integer)change[1];
            engine.applied(parameter(name, assetId, (Integer)change[2], (Double)change[3], (Double)change[4]));
            assertNotEquals(defaults, engine.risk.parametersDigest(), name + " changed nothing");
            engine.applied(parameter("RESET_TO_DEFAULT", assetId, parameterId(name), 0, 0));
            assertEquals(defaults, engine.risk.parametersDigest(), name + " not back to its default");
            assertArrayEquals(figures, figures(), name);
        }
    }

    @Test
    void resetsUndoChangesMadeInAnyOrderAndTwice()
    {
        holdAMixedBook();
        final long defaults = engine.risk.parametersDigest();
        final double[] figures = figures();
        for (final Object[] change : CHANGES)
        {
            engine.applied(parameter((String)change[0], (Integer)change[1], (Integer)change[2], (Double)change[3],
                (Double)change[4]));
        }
        engine.applied(parameter("TAIL_SHOCK", -1, 0, -0.9, 0));
        engine.applied(parameter("HAIRCUT_TIER", USD, 2, 5e6, 0.9));
        for (int i = CHANGES.length - 1; i >= 0; i--)
        {
            final int parameterId = parameterId((String)CHANGES[i][0]);
            engine.applied(parameter("RESET_TO_DEFAULT", (Integer)CHANGES[i][1], parameterId, 0, 0));
            engine.applied(parameter("RESET_TO_DEFAULT", (Integer)CHANGES[i][1], parameterId, 0, 0));
        }
        assertEquals(defaults, engine.risk.parametersDigest());
        assertArrayEquals(figures, figures(), "figures after every reset");
        assertEquals(1, engine.risk.parameters().tierCount(USD), "appended tiers removed");
    }

    @Test
    void aResetOfAnUnchangedParameterChangesNothing()
    {
        final long defaults = engine.risk.parametersDigest();
        for (final Object[] change : CHANGES)
        {
            engine.applied(parameter("RESET_TO_DEFAULT", (Integer)change[1], parameterId((String)change[0]), 0, 0));
        }
        engine.applied(parameter("RESET_TO_DEFAULT", USDC, parameterId("HAIRCUT_TIER"), 0, 0));
        assertEquals(defaults, engine.risk.parametersDigest());
    }

    @Test
    void aResetTakesWhatItsParameterTakes()
    {
        final int priceRange = parameterId("PRICE_RANGE");
        refused(RejectReason.NOT_AN_UNDERLYING, parameter("RESET_TO_DEFAULT", USD, priceRange, 0, 0));
        refused(RejectReason.UNKNOWN_ASSET, parameter("RESET_TO_DEFAULT", 30, priceRange, 0, 0));
        refused(RejectReason.INVALID_VALUE, parameter("RESET_TO_DEFAULT", BTC, parameterId("MM_FACTOR"), 0, 0));
        refused(RejectReason.UNKNOWN_ASSET, parameter("RESET_TO_DEFAULT", -1, priceRange, 0, 0));
        refused(RejectReason.INVALID_VALUE, parameter("RESET_TO_DEFAULT", BTC, priceRange, 0.16, 0));
        refused(RejectReason.INVALID_VALUE, parameter("RESET_TO_DEFAULT", BTC, priceRange, 0, 1));
        refused(RejectReason.UNKNOWN_PARAMETER, parameter("RESET_TO_DEFAULT", -1, 99, 0, 0));
    }

    // The parameter log carries sets and resets; a restore re-applies it in order onto a fresh model.
    @Test
    void aSnapshotAfterSetsAndResetsRestoresTheSameStateAndParameters()
    {
        holdAMixedBook();
        engine.applied(parameter("PRICE_RANGE", BTC, 0, 0.3, 0));
        engine.applied(parameter("MM_FACTOR", -1, 0, 0.5, 0));
        engine.applied(parameter("RESET_TO_DEFAULT", BTC, parameterId("PRICE_RANGE"), 0, 0));
        engine.applied(parameter("HAIRCUT_TIER", USDC, 3, 9e7, 0.2));
        engine.applied(parameter("RESET_TO_DEFAULT", USDC, parameterId("HAIRCUT_TIER"), 0, 0));
        engine.applied(parameter("HAIRCUT_TIER", USD, 1, 1e6, 0.5));

        final StateSnapshot codec = new StateSnapshot();
        final long length = codec.encode(engine.state);
        final EngineState restored = new EngineContext().maxAccounts(100).maxOpenOrders(1_000).newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(restored, null);
        final InputProcessor processor =
            new InputProcessor(restored, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
        new StateSnapshot().decode(new UnsafeBuffer(Encodings.bytes(codec, length)), 0, (int)length, restored);
        processor.onRestore(risk);

        assertEquals(engine.risk.parametersDigest(), risk.parametersDigest(), "parameters");
        assertEquals(engine.processor.digest(), processor.digest(), "state digest");
        assertEquals(0.16, risk.parameters().priceRange(BTC));
        assertEquals(0.5, risk.parameters().mmFactor());
        assertEquals(3, risk.parameters().tierCount(USDC));
        assertEquals(2, risk.parameters().tierCount(USD));
    }

    private void refused(final RejectReason expected, final String json)
    {
        final long digest = engine.processor.digest();
        assertEquals(expected, engine.send(json), json);
        assertEquals(digest, engine.processor.digest(), json);
    }

    // Options, a perpetual, an ETH balance and stablecoins: every parameter moves some figure of this account.
    private void holdAMixedBook()
    {
        engine.applied(BoundsEngine.fill(TRADER, OPTION, -20, 1_500, 0));
        engine.applied(BoundsEngine.fill(TRADER, PERPETUAL, 3, SPOT, 0));
        engine.applied(BoundsEngine.input("Deposit", "\"accountId\":" + TRADER + ",\"assetId\":" + ETH +
            ",\"amount\":400"));
        engine.applied(BoundsEngine.fill(TRADER, BoundsEngine.FUTURE, -2, SPOT, 0));
    }

    private double[] figures()
    {
        engine.risk.settle();
        final Accounts accounts = engine.state.accounts();
        final int slot = accounts.slot(TRADER);
        return new double[]{ accounts.equity(slot), accounts.initialMargin(slot), accounts.maintenanceMargin(slot) };
    }

    private static void assertArrayEquals(final double[] expected, final double[] actual, final String what)
    {
        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(expected[i], actual[i], 1e-9 * Math.abs(expected[i]), what + " figure " + i);
        }
    }

    private static int parameterId(final String name)
    {
        return ParameterId.valueOf(name).value();
    }
}
