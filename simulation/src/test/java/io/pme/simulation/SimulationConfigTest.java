package io.pme.simulation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulationConfigTest
{
    @Test
    void defaultsConclude()
    {
        final SimulationConfig config = new SimulationConfig();

        assertSame(config, config.conclude());
        assertEquals(2000, config.accounts());
        assertEquals(1_000_000L, config.stepNs());
        assertEquals(1_795_478_400_000_000_000L, config.startTimeNs());
    }

    @Test
    void rejectsOutOfRangeParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().accounts(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().stepNs(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().priceTickWeight(-1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().fillProbability(1.5).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().pendingOrderCapacity(100).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().btcVolatility(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().crashIntervalNs(-1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().crashMinDepth(0.3).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().crashMaxDepth(1.0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().crashFallNs(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().liquidators(9).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().insuranceFundUsd(-1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().auctionDurationNs(-1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig()
            .priceTickWeight(0).volatilityWeight(0).orderCheckWeight(0).depositWeight(0).withdrawalWeight(0)
            .conclude());
    }

    @Test
    void rejectsCorrelationsThatAreNotPositiveDefinite()
    {
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig()
            .btcEthCorrelation(0.9).btcSolCorrelation(0.9).ethSolCorrelation(-0.9).conclude());
    }
}
