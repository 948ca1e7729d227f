package io.pme.engine.logic;

import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.RejectReason;
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
    private static final RejectReason[] REASONS = RejectReason.values();

    private final StateSnapshot snapshot = new StateSnapshot();

    Admin(
        final EngineState state,
        final RiskModelBinding risk,
        final MarginNotifier notifier,
        final SnapshotSink snapshotSink)
    {
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
        final int code = risk.applyParameter(
            parameterId, message.assetId(), message.index(), message.value(), message.value2());
        if (RejectReason.NONE.value() != code)
        {
            return reasonOf(code);
        }
        state.parameterLog().add(parameterId, message.assetId(), message.index(), message.value(), message.value2());
        state.advanceClock(message.timestampNs());
        risk.model().onParametersChange(notifier);
        return RejectReason.NONE;
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
