package io.pme.engine.rulebook;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever updates a parameter set took, accepted or refused, resetting every parameter of every scope brings it
 * back to the parameter file exactly; and a refused update, a reset included, changes nothing.
 */
class ParameterResetPropertyTest
{
    private static final String[] SYMBOLS = {"USD", "USDC", "BTC", "ETH", "SOL", "DOGE", "WBTC", "STETH"};
    private static final int ASSETS = SYMBOLS.length;
    private static final int MAX_ASSETS = 10;
    private static final List<Integer> IDS = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        ParameterIds.WRAPS, ParameterIds.DEPEG_SHOCK);

    /** One ParameterUpdate's fields. */
    record Update(int parameterId, int assetId, int index, double value, double value2)
    {
    }

    @Property(tries = 500)
    void resettingEveryParameterRestoresTheFile(@ForAll("updates") @Size(max = 40) final List<Update> updates)
    {
        final RiskParameters parameters = defined();
        final long defaults = parameters.digestInto(0);
        int applied = 0;
        for (final Update u : updates)
        {
            final long before = parameters.digestInto(0);
            final int code = parameters.apply(u.parameterId(), u.assetId(), u.index(), u.value(), u.value2());
            if (ParameterIds.OK == code)
            {
                applied++;
            }
            else
            {
                assertEquals(before, parameters.digestInto(0), () -> "refused " + u + " changed the parameters");
            }
        }
        for (final int id : IDS)
        {
            if (ParameterIds.RESET_TO_DEFAULT == id)
            {
                continue;
            }
            for (int asset = -1; asset < ASSETS; asset++)
            {
                final int code = parameters.apply(ParameterIds.RESET_TO_DEFAULT, asset, id, 0, 0);
                assertTrue(ParameterIds.OK == code || ParameterIds.INVALID_VALUE == code ||
                    ParameterIds.UNKNOWN_ASSET == code || ParameterIds.NOT_AN_UNDERLYING == code, "code " + code);
            }
        }
        assertEquals(defaults, parameters.digestInto(0), "after " + applied + " applied of " + updates.size());
    }

    @Provide
    Arbitrary<List<Update>> updates()
    {
        final Arbitrary<Double> values = Arbitraries.oneOf(
            Arbitraries.doubles().between(-1.0, 1.0),
            Arbitraries.doubles().between(-0.1, 12.0),
            Arbitraries.doubles().between(0.0, 1e8),
            Arbitraries.of(0.0, 1e-6, 0.01, 0.95, 1.0, 1e15, Double.MIN_VALUE, Double.NaN, -1.0, 2.0, 3.0),
            Arbitraries.longs().map(Double::longBitsToDouble));
        final Arbitrary<Update> update = Combinators.combine(
            Arbitraries.of(IDS),
            Arbitraries.integers().between(-1, ASSETS),
            Arbitraries.integers().between(-1, 16),
            values,
            Arbitraries.oneOf(Arbitraries.just(0.0), values))
            .as(Update::new);
        return update.list();
    }

    private static RiskParameters defined()
    {
        final RiskParameters parameters = RiskParameters.loadDefaults(MAX_ASSETS);
        for (int a = 0; a < ASSETS; a++)
        {
            parameters.defineAsset(a, SYMBOLS[a]);
        }
        return parameters;
    }
}
