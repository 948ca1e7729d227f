package io.pme.engine.logic;

import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;

/**
 * Parameter changes, snapshots and the state digest.
 */
final class Admin
{
    private final EngineState state;
    private final RiskModelBinding risk;
    private final MarginNotifier notifier;
    private final SnapshotSink snapshotSink;
    private final Liquidator liquidator;
    private static final RejectReason[] REASONS = RejectReason.values();
    private static final int LIQUIDATION = io.pme.codecs.ParameterId.LIQUIDATION.value();

    private final StateSnapshot snapshot = new StateSnapshot();

    Admin(
        final EngineState state,
        final RiskModelBinding risk,
        final MarginNotifier notifier,
        final SnapshotSink snapshotSink,
        final Liquidator liquidator)
    {
        this.liquidator = liquidator;
        this.state = state;
        this.risk = risk;
        this.notifier = notifier;
        this.snapshotSink = snapshotSink;
    }

    RejectReason onParameterUpdate(final ParameterUpdateDecoder message)
    {
        final int parameterId = message.parameterIdRaw();
        if (!Enums.isParameterId(parameterId))
        {
            return RejectReason.UNKNOWN_PARAMETER;
        }
        final int code = reapply(parameterId, message.assetId(), message.index(), message.value(), message.value2());
        if (RejectReason.NONE.value() != code)
        {
            return reasonOf(code);
        }
        state.parameterLog().add(parameterId, message.assetId(), message.index(), message.value(), message.value2());
        state.advanceClock(message.timestampNs());
        if (LIQUIDATION != parameterId)
        {
            risk.model().onParametersChange(notifier);
        }
        return RejectReason.NONE;
    }

    /**
     * Applies a parameter to the model it belongs to: a liquidation rule to the waterfall, any other to the risk
     * model.
     *
     * @return 0 when applied, else the wire code of the reject reason.
     */
    int reapply(final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        if (LIQUIDATION == parameterId)
        {
            return liquidator.parameters().apply(assetId, index, value, value2).value();
        }
        return risk.applyParameter(parameterId, assetId, index, value, value2);
    }

    private static RejectReason reasonOf(final int code)
    {
        for (final RejectReason reason : REASONS)
        {
            if (reason.value() == code && RejectReason.NULL_VAL != reason)
            {
                return reason;
            }
        }
        return RejectReason.INVALID_VALUE;
    }

    /** On a SNAPSHOT or DIGEST input, before either: every change kept for accounts to take lazily is taken. */
    void settleForSnapshot()
    {
        risk.model().settleForSnapshot();
    }

    boolean takeSnapshot(final long journalIndex)
    {
        risk.model().settle();
        return snapshotSink.takeSnapshot(journalIndex);
    }

    long digest()
    {
        risk.model().settle();
        return snapshot.digest(state) ^ risk.parametersDigest();
    }
}
