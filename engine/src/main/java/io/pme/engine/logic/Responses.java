package io.pme.engine.logic;

import io.pme.codecs.AccountState;
import io.pme.codecs.AckEncoder;
import io.pme.codecs.BooleanType;
import io.pme.codecs.BorrowRateEncoder;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.AdlRankEncoder;
import io.pme.codecs.CheckResultEncoder;
import io.pme.codecs.InsuranceFundEncoder;
import io.pme.codecs.LiquidationEventEncoder;
import io.pme.codecs.LiquidationOrderEncoder;
import io.pme.codecs.OracleCause;
import io.pme.codecs.OracleState;
import io.pme.codecs.OracleStatusEncoder;
import io.pme.codecs.OrderReleasedEncoder;
import io.pme.codecs.ParameterChangeEncoder;
import io.pme.codecs.ParameterChangeStatus;
import io.pme.codecs.ParameterId;
import io.pme.codecs.Side;
import io.pme.engine.liquidation.LiquidationNotice;
import io.pme.codecs.MarginQueryResultEncoder;
import io.pme.codecs.MarginUpdateEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.RejectEncoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.StateDigestEncoder;
import io.pme.engine.EngineCounters;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the engine's output frames into one reusable buffer and hands each to the outbox.
 */
final class Responses
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AckEncoder ack = new AckEncoder();
    private final RejectEncoder reject = new RejectEncoder();
    private final CheckResultEncoder checkResult = new CheckResultEncoder();
    private final MarginUpdateEncoder marginUpdate = new MarginUpdateEncoder();
    private final BorrowRateEncoder borrowRate = new BorrowRateEncoder();
    private final StateDigestEncoder stateDigest = new StateDigestEncoder();
    private final MarginQueryResultEncoder marginQueryResult = new MarginQueryResultEncoder();
    private final LiquidationOrderEncoder liquidationOrder = new LiquidationOrderEncoder();
    private final LiquidationEventEncoder liquidationEvent = new LiquidationEventEncoder();
    private final OrderReleasedEncoder orderReleased = new OrderReleasedEncoder();
    private final InsuranceFundEncoder insuranceFund = new InsuranceFundEncoder();
    private final AdlRankEncoder adlRank = new AdlRankEncoder();
    private final OracleStatusEncoder oracleStatus = new OracleStatusEncoder();
    private final ParameterChangeEncoder parameterChange = new ParameterChangeEncoder();
    private final EngineCounters counters;
    private Outbox outbox;

    Responses(final Outbox outbox, final EngineCounters counters)
    {
        this.outbox = outbox;
        this.counters = counters;
    }

    void outbox(final Outbox outbox)
    {
        this.outbox = outbox;
    }

    // the engine's account state codes are the wire's values (WireCodesTest), so the lookup is the SBE one
    static AccountState state(final byte code)
    {
        return AccountState.get(code);
    }

    void ack(final long timestampNs, final long correlationId, final int clientId, final int templateId)
    {
        ack.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId).templateId(templateId);
        send(ack.encodedLength());
    }

    void reject(
        final long timestampNs, final long correlationId, final int clientId, final int templateId,
        final RejectReason reason)
    {
        counters.reject(reason.value());
        reject.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .templateId(templateId).reason(reason);
        send(reject.encodedLength());
    }

    void checkResult(
        final long timestampNs, final long correlationId, final int clientId, final long accountId,
        final long clientOrderId, final RejectReason reason, final MarginFigures figures)
    {
        if (RejectReason.NONE != reason)
        {
            counters.reject(reason.value());
        }
        checkResult.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .accountId(accountId).clientOrderId(clientOrderId)
            .outcome(RejectReason.NONE == reason ? CheckOutcome.ACCEPTED : CheckOutcome.REJECTED)
            .reason(reason).state(state(figures.state))
            .equity(figures.equity).initialMargin(figures.initialMargin)
            .maintenanceMargin(figures.maintenanceMargin).shortfall(figures.shortfall());
        send(checkResult.encodedLength());
    }

    void marginUpdate(
        final long timestampNs, final long correlationId, final int clientId, final long accountId,
        final byte state, final byte previousState, final double equity, final double initialMargin,
        final double maintenanceMargin, final double debt)
    {
        marginUpdate.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId).accountId(accountId)
            .state(state(state)).previousState(state(previousState))
            .equity(equity).initialMargin(initialMargin).maintenanceMargin(maintenanceMargin).debt(debt);
        send(marginUpdate.encodedLength());
    }

    void stateDigest(
        final long timestampNs, final long correlationId, final int clientId, final long digest,
        final long inputSequence, final boolean snapshotTaken, final long correlationDigest)
    {
        stateDigest.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .digest(digest).inputSequence(inputSequence)
            .snapshotTaken(snapshotTaken ? BooleanType.TRUE : BooleanType.FALSE)
            .correlationDigest(correlationDigest);
        send(stateDigest.encodedLength());
    }

    void marginQueryResult(
        final long timestampNs, final long correlationId, final int clientId, final long accountId,
        final int instrumentId, final RejectReason reason, final boolean wouldAccept, final byte accountState,
        final MarginFigures now, final MarginFigures after)
    {
        if (RejectReason.NONE != reason)
        {
            counters.reject(reason.value());
        }
        marginQueryResult.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .accountId(accountId).instrumentId(instrumentId).reason(reason)
            .wouldAccept(wouldAccept ? BooleanType.TRUE : BooleanType.FALSE).state(state(accountState))
            .equity(now.equity).initialMargin(now.initialMargin).maintenanceMargin(now.maintenanceMargin)
            .afterEquity(after.equity).afterInitialMargin(after.initialMargin)
            .afterMaintenanceMargin(after.maintenanceMargin);
        send(marginQueryResult.encodedLength());
    }

    void liquidationOrder(
        final long timestampNs, final long correlationId, final int clientId, final long liquidationId,
        final long liquidationOrderId, final long accountId, final int instrumentId, final double signedQuantity,
        final double limitPrice, final long expiresNs)
    {
        liquidationOrder.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .liquidationId(liquidationId).liquidationOrderId(liquidationOrderId).accountId(accountId)
            .instrumentId(instrumentId).side(signedQuantity > 0.0 ? Side.BUY : Side.SELL)
            .quantity(Math.abs(signedQuantity)).limitPrice(limitPrice).expiresNs(expiresNs);
        send(liquidationOrder.encodedLength());
    }

    void liquidationEvent(
        final long timestampNs, final long correlationId, final int clientId, final LiquidationNotice n)
    {
        liquidationEvent.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .liquidationId(n.liquidationId).accountId(n.accountId).stage(n.stage).step(n.step)
            .equity(n.equity).initialMargin(n.initialMargin).maintenanceMargin(n.maintenanceMargin)
            .instrumentId(n.instrumentId).quantity(n.quantity).price(n.price).amount(n.amount)
            .counterpartyAccountId(n.counterpartyAccountId).liquidationOrderId(n.liquidationOrderId)
            .untilNs(n.untilNs).worstUnderlyingAssetId(n.worstUnderlying).worstScenario(n.worstScenario)
            .worstScenarioLoss(n.worstScenarioLoss).contribution(n.contribution);
        send(liquidationEvent.encodedLength());
    }

    void orderReleased(
        final long timestampNs, final long correlationId, final int clientId, final long accountId,
        final long clientOrderId, final long liquidationId)
    {
        orderReleased.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .accountId(accountId).clientOrderId(clientOrderId).liquidationId(liquidationId);
        send(orderReleased.encodedLength());
    }

    void insuranceFund(
        final long timestampNs, final long correlationId, final int clientId, final double balance,
        final double change, final long liquidationId)
    {
        insuranceFund.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .balance(balance).change(change).liquidationId(liquidationId);
        send(insuranceFund.encodedLength());
    }

    void adlRank(
        final long timestampNs, final long correlationId, final int clientId, final long accountId, final int band,
        final int instrumentId, final double rank)
    {
        adlRank.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .accountId(accountId).band(band).instrumentId(instrumentId).score(rank);
        send(adlRank.encodedLength());
    }

    void oracleStatus(
        final long timestampNs, final long correlationId, final int clientId, final int assetId,
        final OracleState status, final OracleState previousStatus, final OracleCause cause, final int sourceId,
        final double indexPrice, final double candidatePrice, final int sourcesFresh, final int sourcesUsed,
        final double spread, final long oldestAgeNs)
    {
        oracleStatus.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .assetId(assetId).status(status).previousStatus(previousStatus).cause(cause).sourceId(sourceId)
            .indexPrice(indexPrice).candidatePrice(candidatePrice).sourcesFresh(sourcesFresh)
            .sourcesUsed(sourcesUsed).spread(spread).oldestAgeNs(oldestAgeNs);
        send(oracleStatus.encodedLength());
    }

    void borrowRate(
        final long timestampNs, final long correlationId, final int clientId, final int assetId,
        final double utilization, final double rate, final double index, final double totalDebt,
        final double poolSupply, final double interestIncome)
    {
        borrowRate.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .assetId(assetId).utilization(utilization).rate(rate).index(index).totalDebt(totalDebt)
            .poolSupply(poolSupply).interestIncome(interestIncome);
        send(borrowRate.encodedLength());
    }

    void parameterChange(
        final long timestampNs, final long correlationId, final int clientId, final long version,
        final ParameterChangeStatus status, final long effectiveNs, final int parameterId, final int assetId,
        final int index, final double value, final double value2)
    {
        parameterChange.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .version(version).status(status).effectiveNs(effectiveNs).parameterId(ParameterId.get(parameterId))
            .assetId(assetId).index(index).value(value).value2(value2);
        send(parameterChange.encodedLength());
    }

    private void send(final int bodyLength)
    {
        counters.outputs().incrementRelease();
        outbox.publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }
}
