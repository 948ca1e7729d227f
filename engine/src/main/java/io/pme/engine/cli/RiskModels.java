package io.pme.engine.cli;

import io.pme.engine.logic.NoRiskModel;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.state.EngineState;

import java.util.function.Function;

/**
 * The risk model the command-line engine runs with; live run and replay must use the same one.
 */
final class RiskModels
{
    private RiskModels()
    {
    }

    static Function<EngineState, RiskModelBinding> standard()
    {
        return state -> new NoRiskModel(state.accounts());
    }
}
