package io.pme.tools.cli;

import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The risk model the command-line engine runs with; live run and replay must use the same one.
 */
final class RiskModels
{
    /** A parameter file replacing the shipped defaults; live run and replay must name the same one. */
    static final String PARAMETERS_FILE_PROP = "pme.risk.parameters.file";

    private RiskModels()
    {
    }

    static Function<EngineState, RiskModelBinding> standard()
    {
        final String file = System.getProperty(PARAMETERS_FILE_PROP);
        return state -> new PortfolioRiskModel(state, null == file ? null : Path.of(file));
    }
}
