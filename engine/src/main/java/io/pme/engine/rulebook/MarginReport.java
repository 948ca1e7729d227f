package io.pme.engine.rulebook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.engine.state.AccountStates;

/**
 * The offline calculator's output object (rulebook section 5), built from a computed {@link MarginResult}.
 */
public final class MarginReport
{
    private MarginReport()
    {
    }

    /**
     * @param result     a result with status OK.
     * @param parameters the parameters the assets were defined in (for symbols).
     * @return the report as a JSON object with the rulebook's field names, in a fixed order.
     */
    public static ObjectNode toJson(final MarginResult result, final RiskParameters parameters)
    {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("collateralValue", result.collateralValue());
        root.put("equity", result.equity());
        root.put("initialMargin", result.initialMargin());
        root.put("maintenanceMargin", result.maintenanceMargin());
        root.put("availableMargin", result.availableMargin());
        if (Double.isNaN(result.marginRatio()))
        {
            root.putNull("marginRatio");
        }
        else
        {
            root.put("marginRatio", result.marginRatio());
        }
        root.put("state", AccountStates.name(result.state()));
        root.put("siloedInitialMargin", result.siloedInitialMargin());

        final ObjectNode sets = root.putObject("correlationSets");
        for (int s = 0; s < result.setCount(); s++)
        {
            final ObjectNode set = sets.putObject(result.setName(s));
            set.put("worstLoss", result.worstLoss(s));
            set.put("worstScenario", result.worstScenarioLabel(s));
        }

        final ObjectNode underlyings = root.putObject("underlyings");
        for (int n = 0; n < result.underlyingCount(); n++)
        {
            final int u = result.underlyingAssetId(n);
            final ObjectNode node = underlyings.putObject(parameters.symbol(u));
            node.put("delta", result.delta(u));
            node.put("gamma", result.gamma(u));
            node.put("vega", result.vega(u));
            node.put("theta", result.theta(u));
            node.put("contingency", result.contingency(u));
        }
        return root;
    }
}
