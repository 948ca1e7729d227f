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
        assertEquals(SimulationConfig.BORROWER_SHARE_DEFAULT, config.borrowerShare());
    }

    @Test
    void theBorrowerShareComesFromItsPropertyAndMustBeAShare()
    {
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().borrowerShare(1.01).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().borrowerShare(-0.1).conclude());
        System.setProperty(SimulationConfig.BORROWER_SHARE_PROP_NAME, " 0.6 ");
        try
        {
            assertEquals(0.6, new SimulationConfig().conclude().borrowerShare());
            System.setProperty(SimulationConfig.BORROWER_SHARE_PROP_NAME, "many");
            final IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> new SimulationConfig().conclude());
            assertEquals("borrowerShare (pme.simulation.borrower.share) must be in [0, 1]: NaN", refused.getMessage());
        }
        finally
        {
            System.clearProperty(SimulationConfig.BORROWER_SHARE_PROP_NAME);
        }
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
