package io.pme.engine.logic;

import io.pme.codecs.ParameterChangeStatus;
import io.pme.codecs.ParameterScheduleDecoder;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.EngineCounters;
import io.pme.engine.borrowing.BorrowingParameters;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.liquidation.LiquidationParameters;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.market.Oracle;
import io.pme.engine.market.OracleParameters;
import io.pme.engine.rulebook.ParameterIds;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.ScheduledParameters;

/**
 * Versioned parameter changes (docs/parameter-changes.md): a {@code ParameterUpdate} is a set of one applied at once;
 * {@code ParameterSchedule} entries make a set of up to eight, checked and applied as one (all or none), at once or
 * at a message time. Each applied change gets the next version and is announced by a {@code ParameterChange}.
 */
final class ParameterSets
{
    /** {@code effectiveNs} of an entry that withdraws its client's set. */
    static final long CANCEL = -1L;

    private final EngineState state;
    private final ScheduledParameters schedule;
    private final RiskModelBinding risk;
    private final MarginNotifier notifier;
    private final Liquidator liquidator;
    private final Oracle oracle;
    private final Admin admin;
    private final EngineCounters counters;
    private final LiquidationParameters savedLiquidation = new LiquidationParameters();
    private final OracleParameters savedOracle;
    private final BorrowingParameters savedBorrowing;
    private final Lender lender;
    private long nextDueNs = Long.MAX_VALUE;

    ParameterSets(
        final EngineState state,
        final RiskModelBinding risk,
        final MarginNotifier notifier,
        final Liquidator liquidator,
        final Oracle oracle,
        final Admin admin,
        final EngineCounters counters,
        final Lender lender)
    {
        this.lender = lender;
        savedBorrowing = new BorrowingParameters(state.assets().capacity());
        this.state = state;
        this.schedule = state.scheduledParameters();
        this.risk = risk;
        this.notifier = notifier;
        this.liquidator = liquidator;
        this.oracle = oracle;
        this.admin = admin;
        this.counters = counters;
        savedOracle = new OracleParameters(state.assets().capacity());
    }

    /**
     * A {@code ParameterUpdate}: applied, logged, versioned and announced, and the model told; or refused whole.
     *
     * @return why it was refused, NONE when it was applied.
     */
    RejectReason onParameterUpdate(final ParameterUpdateDecoder message)
    {
        final int parameterId = message.parameterIdRaw();
        if (!Enums.isParameterId(parameterId))
        {
            return RejectReason.UNKNOWN_PARAMETER;
        }
        final int assetId = message.assetId();
        final int index = message.index();
        final double value = message.value();
        final double value2 = message.value2();
        final int code = admin.reapply(parameterId, assetId, index, value, value2);
        if (RejectReason.NONE.value() != code)
        {
            return Admin.reasonOf(code);
        }
        final long timestampNs = message.timestampNs();
        state.advanceClock(timestampNs);
        state.parameterLog().add(parameterId, assetId, index, value, value2);
        final long version = state.parameterVersion() + 1;
        state.parameterVersion(version);
        counters.parameterChanges().incrementRelease();
        notifier.parameterChange(
            version, ParameterChangeStatus.APPLIED, timestampNs, parameterId, assetId, index, value, value2);
        if (ParameterIds.BORROW == parameterId)
        {
            lender.onRuleChange(assetId);
        }
        if (movesRisk(parameterId))
        {
            risk.model().onParametersChange(notifier);
        }
        return RejectReason.NONE;
    }

    /**
     * One entry of a set. The set is decided when its last entry arrives: refused (the reason answers that entry,
     * and the set stays as it was, waiting for a last entry that passes), applied at once, or kept for its time. An
     * entry with {@code effectiveNs} {@link #CANCEL} withdraws the client's set, held or scheduled.
     *
     * @return why the entry, or the set it completes, was refused; NONE when it was taken.
     */
    RejectReason onParameterSchedule(final ParameterScheduleDecoder message)
    {
        final int parameterId = message.parameterIdRaw();
        final int groupSize = message.groupSize();
        final long effectiveNs = message.effectiveNs();
        if (CANCEL == effectiveNs)
        {
            return cancel(message.clientId(), message.groupId(), message.timestampNs());
        }
        if (!Enums.isParameterId(parameterId))
        {
            return RejectReason.UNKNOWN_PARAMETER;
        }
        if (groupSize < 1 || groupSize > ScheduledParameters.MAX_GROUP_SIZE)
        {
            return RejectReason.INVALID_VALUE;
        }
        if (effectiveNs < 0)
        {
            return RejectReason.INVALID_TIMESTAMP;
        }
        final int clientId = message.clientId();
        final long groupId = message.groupId();
        final int first = schedule.first(clientId, groupId);
        if (first >= 0 && 0 != schedule.version(first))
        {
            return RejectReason.ALREADY_DEFINED;
        }
        if (first >= 0 && (schedule.groupSize(first) != groupSize || schedule.effectiveNs(first) != effectiveNs))
        {
            return RejectReason.INCOMPLETE_GROUP;
        }
        if (schedule.size() == ScheduledParameters.CAPACITY)
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        schedule.add(clientId, groupId, groupSize, effectiveNs, 0L, parameterId, message.assetId(),
            message.index(), message.value(), message.value2());
        if (schedule.count(clientId, groupId) < groupSize)
        {
            state.advanceClock(message.timestampNs());
            return RejectReason.NONE;
        }
        return decide(schedule.first(clientId, groupId), message.timestampNs());
    }

    private RejectReason cancel(final int clientId, final long groupId, final long timestampNs)
    {
        final int first = schedule.first(clientId, groupId);
        if (first < 0)
        {
            return RejectReason.INVALID_VALUE;
        }
        final long version = schedule.version(first);
        if (0 != version)
        {
            for (int i = first; i >= 0; i = schedule.next(i))
            {
                announce(i, version, ParameterChangeStatus.CANCELLED);
            }
        }
        schedule.remove(first);
        nextDueNs = schedule.nextDueNs();
        state.advanceClock(timestampNs);
        return RejectReason.NONE;
    }

    // A complete set: tried on the parameters in force, so a set that could never apply is refused now; refused, it
    // leaves everything as it was, the entries before this one still held.
    private RejectReason decide(final int first, final long nowNs)
    {
        final RejectReason problem = tryApply(first);
        if (RejectReason.NONE != problem)
        {
            undo();
            schedule.removeLast();
            return problem;
        }
        state.advanceClock(nowNs);
        final long version = state.parameterVersion() + 1;
        state.parameterVersion(version);
        if (schedule.effectiveNs(first) <= Math.max(nowNs, state.nowNs()))
        {
            applied(first, version, nowNs);
            return RejectReason.NONE;
        }
        undo();
        schedule.version(first, version);
        for (int i = first; i >= 0; i = schedule.next(i))
        {
            announce(i, version, ParameterChangeStatus.SCHEDULED);
        }
        nextDueNs = Math.min(nextDueNs, schedule.effectiveNs(first));
        return RejectReason.NONE;
    }

    /**
     * Time passing: every set whose time came applies, in time order, at the end of an applied input; one that no
     * longer can (the parameters moved since it was accepted) is dropped whole and announced FAILED. Costs a
     * comparison when none is due.
     */
    void timePasses(final long nowNs)
    {
        if (nowNs < nextDueNs)
        {
            return;
        }
        for (int first = schedule.due(nowNs); first >= 0; first = schedule.due(nowNs))
        {
            final long version = schedule.version(first);
            if (RejectReason.NONE == tryApply(first))
            {
                applied(first, version, schedule.effectiveNs(first));
            }
            else
            {
                undo();
                for (int i = first; i >= 0; i = schedule.next(i))
                {
                    announce(i, version, ParameterChangeStatus.FAILED);
                }
                schedule.remove(first);
            }
        }
        nextDueNs = schedule.nextDueNs();
    }

    /** After a restore: the next set's time, from the restored schedule. */
    void onRestore()
    {
        nextDueNs = schedule.nextDueNs();
    }

    private RejectReason tryApply(final int first)
    {
        risk.saveParameters();
        savedLiquidation.copyFrom(liquidator.parameters());
        savedOracle.copyFrom(oracle.parameters());
        savedBorrowing.copyFrom(lender.parameters());
        for (int i = first; i >= 0; i = schedule.next(i))
        {
            final int code = admin.reapply(schedule.parameterId(i), schedule.assetId(i), schedule.index(i),
                schedule.value(i), schedule.value2(i));
            if (RejectReason.NONE.value() != code)
            {
                return Admin.reasonOf(code);
            }
        }
        return RejectReason.NONE;
    }

    private void undo()
    {
        risk.restoreParameters();
        liquidator.parameters().copyFrom(savedLiquidation);
        oracle.parameters().copyFrom(savedOracle);
        lender.parameters().copyFrom(savedBorrowing);
    }

    private void applied(final int first, final long version, final long effectiveNs)
    {
        boolean movesRisk = false;
        for (int i = first; i >= 0; i = schedule.next(i))
        {
            state.parameterLog().add(schedule.parameterId(i), schedule.assetId(i), schedule.index(i),
                schedule.value(i), schedule.value2(i));
            notifier.parameterChange(version, ParameterChangeStatus.APPLIED, effectiveNs, schedule.parameterId(i),
                schedule.assetId(i), schedule.index(i), schedule.value(i), schedule.value2(i));
            movesRisk |= movesRisk(schedule.parameterId(i));
            if (ParameterIds.BORROW == schedule.parameterId(i))
            {
                lender.onRuleChange(schedule.assetId(i));
            }
        }
        schedule.remove(first);
        counters.parameterChanges().incrementRelease();
        if (movesRisk)
        {
            risk.model().onParametersChange(notifier);
        }
    }

    private void announce(final int i, final long version, final ParameterChangeStatus status)
    {
        notifier.parameterChange(version, status, schedule.effectiveNs(i), schedule.parameterId(i),
            schedule.assetId(i), schedule.index(i), schedule.value(i), schedule.value2(i));
    }

    // the liquidation's, the oracle's and borrowing's rules act at their next decision; a risk parameter moves every
    // figure now
    private static boolean movesRisk(final int parameterId)
    {
        return ParameterIds.LIQUIDATION != parameterId && ParameterIds.ORACLE != parameterId &&
            ParameterIds.ORACLE_SOURCE != parameterId && ParameterIds.BORROW != parameterId;
    }
}
