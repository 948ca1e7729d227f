package io.pme.simulation;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FillDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.HeartbeatDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.WithdrawalDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolTest
{
    private static void run(final MarketSimulation simulation, final FrameSink sink, final int frames)
    {
        long taken = 0;
        while (taken < frames)
        {
            taken += simulation.generate(sink, (int)Math.min(1000, frames - taken));
        }
    }

    @Test
    void everyFrameDecodesAndKeepsTheProtocolInvariants()
    {
        final FrameValidator validator = new FrameValidator();
        run(new MarketSimulation(new SimulationConfig().seed(11)), validator, 200_000);

        assertEquals(200_000, validator.frames());
        assertEquals(171, validator.instrumentCount());
        assertEquals(2000 + 3, validator.count(AccountOpenDecoder.TEMPLATE_ID), "the traders and 3 liquidators");
        assertEquals(3 + 1, validator.venueDeposits(), "the liquidators' and the insurance fund's");
        assertEquals(1, validator.parameterUpdates(), "the auctions' duration");
        assertEquals(6 * (3 + 3) + 2, validator.oracleRules(), "sources and rules of six assets, two pegs");
        assertTrue(validator.count(OraclePriceDecoder.TEMPLATE_ID) > 60_000);
        assertTrue(validator.count(OrderCheckDecoder.TEMPLATE_ID) > 40_000);
        assertTrue(validator.count(OptionVolatilityDecoder.TEMPLATE_ID) > 20_000);
        assertTrue(validator.count(OrderDoneDecoder.TEMPLATE_ID) > 30_000);
        assertTrue(validator.orderFills() > 10_000);
        assertTrue(validator.openingFills() > 1_000);
        assertTrue(validator.count(DepositDecoder.TEMPLATE_ID) > 2_000);
        assertTrue(validator.count(WithdrawalDecoder.TEMPLATE_ID) > 1_000);
        assertTrue(validator.count(HeartbeatDecoder.TEMPLATE_ID) > 5);
        assertTrue(validator.unknownAccountChecks() > 50);
    }

    @Test
    void referencePhaseComesFirstInOrder()
    {
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().accounts(50));
        final FrameValidator validator = new FrameValidator();
        final int referenceFrames = simulation.referenceFrameCount();
        run(simulation, validator, referenceFrames - 1);
        assertFalse(simulation.referencePhaseDone());
        run(simulation, validator, 1);
        assertTrue(simulation.referencePhaseDone());
        assertEquals(SimulationConfig.DEFAULT_START_TIME_NS, simulation.simulatedTimeNs());

        final String sequence = validator.templateSequence();
        final String expectedPrefix =
            repeat(AssetDefinitionDecoder.TEMPLATE_ID, 7) +
            repeat(InstrumentDefinitionDecoder.TEMPLATE_ID, 171) +
            repeat(ParameterUpdateDecoder.TEMPLATE_ID, 6 * (3 + 3) + 2) +
            repeat(OraclePriceDecoder.TEMPLATE_ID, 1 + 6 * 3) +
            repeat(OptionVolatilityDecoder.TEMPLATE_ID, 162) +
            repeat(ParameterUpdateDecoder.TEMPLATE_ID, 1) +
            repeat(AccountOpenDecoder.TEMPLATE_ID, 50 + 3);
        assertTrue(sequence.startsWith(expectedPrefix));
        final String rest = sequence.substring(expectedPrefix.length());
        assertTrue(rest.matches("(" + letter(DepositDecoder.TEMPLATE_ID) + ")+(" +
            letter(FillDecoder.TEMPLATE_ID) + ")+"), rest);

        run(simulation, validator, 1);
        assertEquals(SimulationConfig.DEFAULT_START_TIME_NS + 1_000_000L, simulation.simulatedTimeNs());
    }

    @Test
    void fundingFlowsEveryEightSimulatedHoursAndExpiredOptionsAreLeftAlone()
    {
        final SimulationConfig config = new SimulationConfig().accounts(200).stepNs(600_000_000_000L).seed(5);
        final MarketSimulation simulation = new MarketSimulation(config);
        final FrameValidator validator = new FrameValidator();
        run(simulation, validator, 150_000);

        final long elapsedNs = simulation.simulatedTimeNs() - SimulationConfig.DEFAULT_START_TIME_NS;
        final long fundingRounds = elapsedNs / config.fundingIntervalNs();
        assertTrue(elapsedNs > 100L * 86_400_000_000_000L, "all options expired");
        final int funding = validator.count(FundingPaymentDecoder.TEMPLATE_ID);
        assertTrue(funding > 3 * fundingRounds - 3 && funding <= 3 * fundingRounds, "funding " + funding);
        assertEquals(elapsedNs / config.stepNs(), validator.count(HeartbeatDecoder.TEMPLATE_ID));
    }

    @Test
    void refusalsCanBeSwitchedOff()
    {
        final FrameValidator validator = new FrameValidator();
        run(new MarketSimulation(new SimulationConfig().accounts(100).edgeCaseProbability(0.0)), validator, 50_000);

        assertEquals(0, validator.unknownAccountChecks());
    }

    private static String repeat(final int templateId, final int times)
    {
        return letter(templateId).repeat(times);
    }

    private static String letter(final int templateId)
    {
        return String.valueOf((char)('A' + templateId));
    }
}
